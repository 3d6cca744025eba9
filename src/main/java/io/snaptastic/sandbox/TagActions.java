package io.snaptastic.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** CreateTags, DeleteTags and DescribeTags over volumes, snapshots and the instance. */
final class TagActions {

    /** One tag of one resource, as DescribeTags lists it. */
    record ResourceTag(String resourceId, String resourceType, String key, String value) {}

    static final Filters<ResourceTag> FILTERS = new Filters<>(tagFields(), tag -> Map.of(tag.key(), tag.value()));

    private final SandboxStore store;

    TagActions(SandboxContext context) {
        this.store = context.store();
    }

    void register(Map<String, QueryAction> actions) {
        actions.put("CreateTags", this::createTags);
        actions.put("DeleteTags", this::deleteTags);
        actions.put("DescribeTags", this::describeTags);
    }

    private String createTags(QueryParams params, String requestId) {
        List<String> ids = resourceIds(params);
        Map<String, String> tags = params.tags("Tag");
        if (tags.isEmpty()) {
            throw Ec2Error.missing("Tag");
        }
        Tags.validate(tags);
        synchronized (store) {
            ids.forEach(this::tagsOf);
            for (String id : ids) {
                retag(id, Tags.merged(tagsOf(id), tags));
            }
        }
        return Ec2Xml.ok("CreateTags", requestId);
    }

    private String deleteTags(QueryParams params, String requestId) {
        List<String> ids = resourceIds(params);
        List<QueryParams> removals = params.members("Tag");
        synchronized (store) {
            ids.forEach(this::tagsOf);
            for (String id : ids) {
                Map<String, String> remaining = new LinkedHashMap<>(tagsOf(id));
                if (removals.isEmpty()) {
                    remaining.clear();
                }
                for (QueryParams removal : removals) {
                    String key = removal.required("Key");
                    // With a value, a tag goes only when its value matches, as in EC2.
                    removal.get("Value").ifPresentOrElse(value -> remaining.remove(key, value), () -> remaining.remove(key));
                }
                retag(id, remaining);
            }
        }
        return Ec2Xml.ok("DeleteTags", requestId);
    }

    private String describeTags(QueryParams params, String requestId) {
        List<ResourceTag> all = new ArrayList<>();
        SandboxInstance instance = store.instance();
        instance.tags().forEach((key, value) -> all.add(new ResourceTag(instance.id(), "instance", key, value)));
        store.volumes().forEach(volume -> volume.tags().forEach((key, value) ->
                all.add(new ResourceTag(volume.id(), "volume", key, value))));
        store.snapshots().forEach(snapshot -> snapshot.tags().forEach((key, value) ->
                all.add(new ResourceTag(snapshot.id(), "snapshot", key, value))));
        Page<ResourceTag> page = Page.of(FILTERS.apply(all, params.filters()), params, 5, 1000, false);
        XmlWriter xml = XmlWriter.response("DescribeTags", requestId).start("tagSet");
        for (ResourceTag tag : page.items()) {
            xml.start("item").element("resourceId", tag.resourceId()).element("resourceType", tag.resourceType())
                    .element("key", tag.key()).element("value", tag.value()).end();
        }
        return xml.end().element("nextToken", page.nextToken()).finish();
    }

    private static List<String> resourceIds(QueryParams params) {
        List<String> ids = params.list("ResourceId");
        if (ids.isEmpty()) {
            throw Ec2Error.missing("ResourceId");
        }
        return ids;
    }

    private Map<String, String> tagsOf(String id) {
        if (id.equals(store.instance().id())) {
            return store.instance().tags();
        }
        if (id.startsWith("vol-")) {
            return store.existingVolume(id).tags();
        }
        if (id.startsWith("snap-")) {
            return store.existingSnapshot(id).tags();
        }
        if (id.startsWith("i-")) {
            throw Ec2Error.instanceNotFound(id);
        }
        throw Ec2Error.client("InvalidID", "The ID '" + id + "' is not valid");
    }

    private void retag(String id, Map<String, String> tags) {
        if (id.equals(store.instance().id())) {
            store.putInstance(store.instance().withTags(tags));
        } else if (id.startsWith("vol-")) {
            store.updateVolume(id, volume -> volume.withTags(tags));
        } else {
            store.updateSnapshot(id, snapshot -> snapshot.withTags(tags));
        }
    }

    private static Map<String, Function<ResourceTag, Collection<String>>> tagFields() {
        Map<String, Function<ResourceTag, Collection<String>>> fields = new LinkedHashMap<>();
        fields.put("resource-id", tag -> List.of(tag.resourceId()));
        fields.put("resource-type", tag -> List.of(tag.resourceType()));
        fields.put("key", tag -> List.of(tag.key()));
        fields.put("value", tag -> List.of(tag.value()));
        return fields;
    }
}
