package io.snaptastic.sandbox;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** DescribeInstances and ModifyInstanceAttribute (DeleteOnTermination) for the one sandbox instance. */
final class InstanceActions {

    private final SandboxStore store;
    private final Filters<SandboxInstance> filters;

    InstanceActions(SandboxContext context) {
        this.store = context.store();
        this.filters = new Filters<>(instanceFields(), SandboxInstance::tags);
    }

    void register(Map<String, QueryAction> actions) {
        actions.put("DescribeInstances", this::describeInstances);
        actions.put("ModifyInstanceAttribute", this::modifyInstanceAttribute);
    }

    private String describeInstances(QueryParams params, String requestId) {
        SandboxInstance instance = store.instance();
        List<String> ids = params.list("InstanceId");
        for (String id : ids) {
            if (!id.equals(instance.id())) {
                throw Ec2Error.instanceNotFound(id);
            }
        }
        Page<SandboxInstance> page = Page.of(filters.apply(List.of(instance), params.filters()), params, 5, 1000, !ids.isEmpty());
        XmlWriter xml = XmlWriter.response("DescribeInstances", requestId).start("reservationSet");
        for (SandboxInstance shown : page.items()) {
            xml.start("item")
                    .element("reservationId", "r-0" + shown.id().substring(3))
                    .element("ownerId", Ids.ACCOUNT_ID)
                    .start("groupSet").end()
                    .start("instancesSet").start("item");
            instance(xml, shown);
            xml.end().end().end();
        }
        return xml.end().element("nextToken", page.nextToken()).finish();
    }

    private void instance(XmlWriter xml, SandboxInstance instance) {
        xml.element("instanceId", instance.id())
                .element("imageId", "ami-0sandbox00000001")
                .start("instanceState").element("code", 16).element("name", "running").end()
                .element("privateDnsName", "ip-127-0-0-1." + instance.region() + ".compute.internal")
                .element("instanceType", "t3.micro")
                .element("launchTime", instance.launchTime())
                .start("placement").element("availabilityZone", instance.availabilityZone()).element("tenancy", "default").end()
                .element("privateIpAddress", "127.0.0.1")
                .element("architecture", "x86_64")
                .element("rootDeviceType", "ebs")
                .element("rootDeviceName", instance.rootDeviceName())
                .start("blockDeviceMapping");
        for (SandboxVolume volume : attached(instance)) {
            SandboxAttachment attachment = volume.attachment();
            xml.start("item").element("deviceName", attachment.device()).start("ebs")
                    .element("volumeId", volume.id())
                    .element("status", attachment.state())
                    .element("attachTime", attachment.attachTime())
                    .element("deleteOnTermination", attachment.deleteOnTermination())
                    .end().end();
        }
        xml.end().element("virtualizationType", "hvm").element("hypervisor", "xen");
        Ec2Xml.tagSet(xml, instance.tags());
    }

    private List<SandboxVolume> attached(SandboxInstance instance) {
        return store.volumes().stream()
                .filter(volume -> volume.attachment() != null && volume.attachment().instanceId().equals(instance.id()))
                .sorted(Comparator.comparing(volume -> volume.attachment().device()))
                .toList();
    }

    private String modifyInstanceAttribute(QueryParams params, String requestId) {
        String instanceId = params.required("InstanceId");
        List<QueryParams> mappings = params.members("BlockDeviceMapping");
        synchronized (store) {
            if (!store.instance().id().equals(instanceId)) {
                throw Ec2Error.instanceNotFound(instanceId);
            }
            if (mappings.isEmpty()) {
                throw Ec2Error.invalidValue("The sandbox can only modify the attribute blockDeviceMapping (DeleteOnTermination).");
            }
            for (QueryParams mapping : mappings) {
                String device = mapping.required("DeviceName");
                boolean delete = mapping.struct("Ebs").bool("DeleteOnTermination", true);
                SandboxVolume volume = attached(store.instance()).stream()
                        .filter(candidate -> candidate.attachment().device().equals(device))
                        .findFirst()
                        .orElseThrow(() -> Ec2Error.invalidValue("No device is attached at '" + device + "' on " + instanceId));
                mapping.struct("Ebs").get("VolumeId").filter(id -> !id.equals(volume.id())).ifPresent(id -> {
                    throw Ec2Error.invalidValue("The volume at " + device + " is " + volume.id() + ", not " + id);
                });
                store.putVolume(volume.withAttachment(volume.attachment().withDeleteOnTermination(delete)));
            }
        }
        return Ec2Xml.ok("ModifyInstanceAttribute", requestId);
    }

    private Map<String, Function<SandboxInstance, Collection<String>>> instanceFields() {
        Map<String, Function<SandboxInstance, Collection<String>>> fields = new LinkedHashMap<>();
        fields.put("instance-id", instance -> List.of(instance.id()));
        fields.put("availability-zone", instance -> List.of(instance.availabilityZone()));
        fields.put("instance-state-name", instance -> List.of("running"));
        fields.put("instance-state-code", instance -> List.of("16"));
        fields.put("root-device-name", instance -> List.of(instance.rootDeviceName()));
        fields.put("block-device-mapping.volume-id", instance -> attached(instance).stream().map(SandboxVolume::id).toList());
        fields.put("block-device-mapping.device-name", instance ->
                attached(instance).stream().map(volume -> volume.attachment().device()).toList());
        return fields;
    }
}
