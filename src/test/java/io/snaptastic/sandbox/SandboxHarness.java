package io.snaptastic.sandbox;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** A sandbox on a free port, driven over real HTTP as EC2 clients drive it. */
final class SandboxHarness implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Sandbox sandbox;

    private SandboxHarness(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * No delays, and no per-volume snapshot window: these tests speak the protocol and snapshot a volume
     * several times in a row. The window has its own tests; the agent's end-to-end tests keep it, short.
     */
    static SandboxProperties fast() {
        return SandboxProperties.defaults(0).withDelays(Duration.ZERO, Duration.ZERO).withSnapshotIntervalPerVolume(Duration.ZERO);
    }

    static SandboxHarness start(Path stateDir, SandboxProperties settings, Disks disks) {
        return new SandboxHarness(Sandbox.start(settings, stateDir, disks, FaultInjector.real(settings.faults()), Clock.systemUTC()));
    }

    static SandboxHarness start(Path stateDir, SandboxProperties settings, Disks disks, FaultInjector faults) {
        return new SandboxHarness(Sandbox.start(settings, stateDir, disks, faults, Clock.systemUTC()));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + sandbox.port());
    }

    /** Posts an EC2 Query form: Action, Version and the given name/value pairs. */
    Answer call(String action, String... namesAndValues) {
        StringBuilder form = new StringBuilder("Action=" + action + "&Version=2016-11-15");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.append('&').append(encode(namesAndValues[i])).append('=').append(encode(namesAndValues[i + 1]));
        }
        return send(HttpRequest.newBuilder(endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/ec2/aws4_request")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a volume and returns its id. */
    String createVolume(int size, String... more) {
        List<String> params = new ArrayList<>(List.of("AvailabilityZone", "eu-west-1a", "Size", String.valueOf(size), "VolumeType", "gp3"));
        params.addAll(List.of(more));
        return call("CreateVolume", params.toArray(String[]::new)).ok().text("/CreateVolumeResponse/volumeId");
    }

    String volumeState(String volumeId) {
        return call("DescribeVolumes", "VolumeId.1", volumeId).ok().text("//volumeSet/item/status");
    }

    String attachmentState(String volumeId) {
        return call("DescribeVolumes", "VolumeId.1", volumeId).ok().text("//volumeSet/item/attachmentSet/item/status");
    }

    String snapshotState(String snapshotId) {
        return call("DescribeSnapshots", "SnapshotId.1", snapshotId).ok().text("//snapshotSet/item/status");
    }

    @Override
    public void close() {
        sandbox.close();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** One HTTP answer with XPath over its XML (namespaces ignored, so paths use local names). */
    record Answer(int status, String body) {

        Answer ok() {
            if (status != 200) {
                throw new AssertionError("expected 200, got " + status + ": " + body);
            }
            return this;
        }

        String text(String xpath) {
            try {
                return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, document(), XPathConstants.STRING);
            } catch (Exception e) {
                throw new AssertionError("cannot evaluate " + xpath + " on " + body, e);
            }
        }

        List<String> texts(String xpath) {
            try {
                NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document(), XPathConstants.NODESET);
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < nodes.getLength(); i++) {
                    texts.add(nodes.item(i).getTextContent());
                }
                return texts;
            } catch (Exception e) {
                throw new AssertionError("cannot evaluate " + xpath + " on " + body, e);
            }
        }

        String errorCode() {
            return text("/Response/Errors/Error/Code");
        }

        private Document document() throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
        }
    }
}
