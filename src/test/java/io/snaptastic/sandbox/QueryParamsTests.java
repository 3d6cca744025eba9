package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTests {

    @Test
    void decodesTheFormAndReadsFlattenedListsInIndexOrder() {
        QueryParams params = QueryParams.parse("Action=DescribeVolumes&VolumeId.10=vol-c&VolumeId.2=vol-b&VolumeId.1=vol-a"
                + "&Description=a%20b%2Bc+d");

        assertThat(params.get("Action")).hasValue("DescribeVolumes");
        assertThat(params.list("VolumeId")).containsExactly("vol-a", "vol-b", "vol-c");
        assertThat(params.get("Description")).hasValue("a b+c d");
        assertThat(params.list("SnapshotId")).isEmpty();
    }

    @Test
    void readsFiltersWithTheirValues() {
        QueryParams params = QueryParams.parse("Filter.1.Name=tag%3Arole&Filter.1.Value.1=solr&Filter.1.Value.2=pg"
                + "&Filter.2.Name=status&Filter.2.Value.1=available");

        assertThat(params.filters()).containsExactly(
                new Filters.Filter("tag:role", List.of("solr", "pg")), new Filters.Filter("status", List.of("available")));
    }

    @Test
    void keepsFiltersOfOneNameApart() {
        QueryParams params = QueryParams.parse("Filter.1.Name=tag-key&Filter.1.Value.1=role&Filter.2.Name=tag-key&Filter.2.Value.1=env");

        assertThat(params.filters()).containsExactly(
                new Filters.Filter("tag-key", List.of("role")), new Filters.Filter("tag-key", List.of("env")));
    }

    @Test
    void readsTagSpecificationsForTheirResourceType() {
        QueryParams params = QueryParams.parse("TagSpecification.1.ResourceType=volume&TagSpecification.1.Tag.1.Key=role"
                + "&TagSpecification.1.Tag.1.Value=solr&TagSpecification.1.Tag.2.Key=empty");

        assertThat(params.tagSpecifications("volume")).containsExactly(Map.entry("role", "solr"), Map.entry("empty", ""));
        assertThatThrownBy(() -> params.tagSpecifications("snapshot"))
                .isInstanceOfSatisfying(Ec2Error.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void readsStructuresAndListsOfStructures() {
        QueryParams params = QueryParams.parse("InstanceSpecification.InstanceId=i-1&InstanceSpecification.ExcludeBootVolume=true"
                + "&InstanceSpecification.ExcludeDataVolumeId.1=vol-a&BlockDeviceMapping.1.DeviceName=/dev/sdf"
                + "&BlockDeviceMapping.1.Ebs.DeleteOnTermination=false");

        QueryParams spec = params.struct("InstanceSpecification");
        assertThat(spec.get("InstanceId")).hasValue("i-1");
        assertThat(spec.bool("ExcludeBootVolume", false)).isTrue();
        assertThat(spec.list("ExcludeDataVolumeId")).containsExactly("vol-a");
        QueryParams mapping = params.members("BlockDeviceMapping").get(0);
        assertThat(mapping.get("DeviceName")).hasValue("/dev/sdf");
        assertThat(mapping.struct("Ebs").bool("DeleteOnTermination", true)).isFalse();
    }

    @Test
    void badValuesAreEc2Errors() {
        QueryParams params = QueryParams.parse("Size=big&DryRun=yes&Empty=");

        assertThatThrownBy(() -> params.integer("Size")).hasMessageContaining("Size");
        assertThatThrownBy(() -> params.bool("DryRun", false)).hasMessageContaining("DryRun");
        assertThatThrownBy(() -> params.required("Empty"))
                .isInstanceOfSatisfying(Ec2Error.class, e -> assertThat(e.code()).isEqualTo("MissingParameter"));
        assertThatThrownBy(() -> QueryParams.parse("Action=%zz"))
                .isInstanceOfSatisfying(Ec2Error.class, e -> assertThat(e.code()).isEqualTo("MalformedQueryString"));
    }
}
