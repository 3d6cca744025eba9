package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class XmlWriterTests {

    @Test
    void writesAResponseInTheEc2NamespaceAndLeavesOutNulls() {
        String xml = XmlWriter.response("DescribeVolumes", "req-1").start("volumeSet").start("item")
                .element("volumeId", "vol-1").element("snapshotId", null).element("createTime", Instant.parse("2026-01-02T03:04:05Z"))
                .finish();

        assertThat(xml).endsWith("<DescribeVolumesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-1</requestId>"
                + "<volumeSet><item><volumeId>vol-1</volumeId><createTime>2026-01-02T03:04:05.000Z</createTime></item></volumeSet>"
                + "</DescribeVolumesResponse>");
    }

    @Test
    void escapesMarkupAndControlCharacters() {
        String xml = XmlWriter.response("X", "r").element("description", "<a href=\"x\">&'\u0001</a>").finish();

        assertThat(xml).contains("<description>&lt;a href=&quot;x&quot;&gt;&amp;&apos;\uFFFD&lt;/a&gt;</description>");
    }

    @Test
    void errorEnvelopeHasNoNamespace() {
        assertThat(XmlWriter.error("IncorrectState", "a < b", "req-2")).endsWith(
                "<Response><Errors><Error><Code>IncorrectState</Code><Message>a &lt; b</Message></Error></Errors>"
                        + "<RequestID>req-2</RequestID></Response>");
    }

    @Test
    void timestampsAlwaysHaveMilliseconds() {
        assertThat(XmlWriter.timestamp(Instant.parse("2026-01-02T03:04:05.123456Z"))).isEqualTo("2026-01-02T03:04:05.123Z");
        assertThat(XmlWriter.timestamp(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000Z");
    }
}
