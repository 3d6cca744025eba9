package io.snaptastic.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory data plane: images are sizes and contents by id, loop devices are numbers. */
final class FakeDisks implements Disks {

    final Map<String, Long> volumeImages = new ConcurrentHashMap<>();
    final Map<String, String> volumeContents = new ConcurrentHashMap<>();
    final Map<String, String> snapshotContents = new ConcurrentHashMap<>();
    final Map<String, String> loops = new ConcurrentHashMap<>();
    final Set<String> busy = ConcurrentHashMap.newKeySet();
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger nextLoop = new AtomicInteger();
    volatile boolean failAttach;

    @Override
    public void createImage(String volumeId, long bytes) {
        calls.add("create " + volumeId);
        volumeImages.put(volumeId, bytes);
        volumeContents.put(volumeId, "");
    }

    @Override
    public void restoreImage(String snapshotId, String volumeId, long bytes) {
        calls.add("restore " + snapshotId + " " + volumeId);
        volumeImages.put(volumeId, bytes);
        volumeContents.put(volumeId, snapshotContents.getOrDefault(snapshotId, "?"));
    }

    @Override
    public void snapshotImage(String volumeId, String snapshotId) {
        calls.add("snapshot " + volumeId + " " + snapshotId);
        snapshotContents.put(snapshotId, volumeContents.getOrDefault(volumeId, ""));
    }

    @Override
    public void deleteVolumeImage(String volumeId) {
        calls.add("delete " + volumeId);
        volumeImages.remove(volumeId);
    }

    @Override
    public void deleteSnapshotImage(String snapshotId) {
        calls.add("delete " + snapshotId);
        snapshotContents.remove(snapshotId);
    }

    @Override
    public String attach(String volumeId, String device, Integer nvmeIndex) {
        if (failAttach) {
            throw new IllegalStateException("no free loop device");
        }
        String loop = "/dev/loop" + (100 + nextLoop.getAndIncrement());
        calls.add("attach " + volumeId + " " + device + " nvme" + nvmeIndex + " " + loop);
        loops.put(loop, volumeId);
        return loop;
    }

    @Override
    public boolean attached(String volumeId, String loopDevice) {
        return volumeId.equals(loops.get(loopDevice));
    }

    @Override
    public boolean busy(String loopDevice) {
        return busy.contains(loopDevice);
    }

    @Override
    public void detach(String volumeId, String device, String loopDevice, Integer nvmeIndex) {
        calls.add("detach " + volumeId + " " + loopDevice);
        loops.remove(loopDevice);
    }
}
