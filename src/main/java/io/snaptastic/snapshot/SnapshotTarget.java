package io.snaptastic.snapshot;

import io.snaptastic.snapshotter.VolumeSpec;

/** A volume to snapshot: its EBS volume id, and whether its filesystem is frozen for it. */
record SnapshotTarget(VolumeSpec volume, String volumeId, boolean freeze) {}
