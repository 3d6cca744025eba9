package io.snaptastic.ec2;

import java.util.Map;
import java.util.Optional;

/** The parts of an instance the agent needs: its zone and which volume sits at which device. */
public record Instance(
        String id, String availabilityZone, String rootDeviceName, Map<String, BlockDevice> blockDevices) {

    public Instance {
        blockDevices = Map.copyOf(blockDevices);
    }

    public Optional<BlockDevice> at(String device) {
        return Optional.ofNullable(blockDevices.get(device));
    }

    /** The device name the block device mapping has for the volume. */
    public Optional<String> deviceOf(String volumeId) {
        return blockDevices.entrySet().stream()
                .filter(entry -> volumeId.equals(entry.getValue().volumeId()))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** One entry of the instance's block device mapping. */
    public record BlockDevice(String volumeId, String status, boolean deleteOnTermination) {}
}
