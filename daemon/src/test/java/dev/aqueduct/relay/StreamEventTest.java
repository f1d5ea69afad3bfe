package dev.aqueduct.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamEventTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void removesNullUsageWhereverItSits() {
        UsageFieldCollector usage = new UsageFieldCollector();
        assertThat(new String(StreamEvent.read(bytes("data: {\"id\":\"a\",\"usage\":null,\"choices\":[]}\n\n"), usage)
                .withoutNullUsage(), StandardCharsets.UTF_8)).isEqualTo("data: {\"id\":\"a\",\"choices\":[]}\n\n");
        assertThat(new String(StreamEvent.read(bytes("data: {\"usage\": null, \"id\":\"a\"}\r\n\r\n"), usage)
                .withoutNullUsage(), StandardCharsets.UTF_8)).isEqualTo("data: {\"id\":\"a\"}\r\n\r\n");
        assertThat(new String(StreamEvent.read(bytes("data: {\"id\":\"a\",\"usage\":null}\n\n"), usage)
                .withoutNullUsage(), StandardCharsets.UTF_8)).isEqualTo("data: {\"id\":\"a\"}\n\n");
    }

    @Test
    void recognisesTheUsageChunkAndReadsItsCounts() {
        UsageFieldCollector usage = new UsageFieldCollector();
        StreamEvent event = StreamEvent.read(bytes("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":11,"
                + "\"completion_tokens\":7,\"prompt_tokens_details\":{\"cached_tokens\":3}}}\n\n"), usage);
        assertThat(event.usageOnly).isTrue();
        assertThat(usage.counts()).isEqualTo(new UsageCounts(11, 7, 3));
    }

    @Test
    void readsTheUsageChunkAfterManyContentEventsWithOneCollector() {
        UsageFieldCollector usage = new UsageFieldCollector();
        for (int i = 0; i < 12; i++) {
            StreamEvent content = StreamEvent.read(bytes("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":"
                    + "{\"content\":\"word " + i + "\"},\"finish_reason\":null}],\"usage\":null}\n\n"), usage);
            assertThat(content.carriesContent).isTrue();
        }
        StreamEvent last = StreamEvent.read(bytes("data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,"
                + "\"completion_tokens\":12,\"prompt_tokens_details\":{\"cached_tokens\":1},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"), usage);
        assertThat(last.usageOnly).isTrue();
        assertThat(usage.counts()).isEqualTo(new UsageCounts(5, 12, 1));
    }

    @Test
    void readsResponsesApiUsageAndFinalEvent() {
        UsageFieldCollector usage = new UsageFieldCollector();
        StreamEvent event = StreamEvent.read(bytes("event: response.completed\ndata: {\"type\":\"response.completed\","
                + "\"response\":{\"output\":[{\"n\":5}],\"usage\":{\"input_tokens\":4,\"output_tokens\":9,"
                + "\"input_tokens_details\":{\"cached_tokens\":2}}}}\n\n"), usage);
        assertThat(event.finalEvent).isTrue();
        assertThat(event.usageOnly).isFalse();
        assertThat(usage.counts()).isEqualTo(new UsageCounts(4, 9, 2));
    }

    @Test
    void splitterHoldsEventsAndCharactersUntilWhole() {
        byte[] stream = bytes("data: {\"t\":\"é漢🙂\"}\n\ndata: [DONE]\n\n");
        List<byte[]> events = new ArrayList<>();
        SseEventSplitter splitter = new SseEventSplitter();
        for (int i = 0; i < stream.length; i++) {
            splitter.feed(stream, i, 1, events::add);
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        events.forEach(joined::writeBytes);
        assertThat(events).hasSize(2);
        assertThat(joined.toByteArray()).isEqualTo(stream);
        assertThat(splitter.hasPartialEvent()).isFalse();
        assertThat(StreamEvent.read(events.get(1), new UsageFieldCollector()).done).isTrue();
    }

    @Test
    void bodyScannerFindsUsageFedInPieces() {
        byte[] body = bytes("{\"data\":[{\"embedding\":[0.1,0.2]}],"
                + "\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}");
        BodyUsageScanner scanner = new BodyUsageScanner();
        for (int i = 0; i < body.length; i += 5) {
            scanner.feed(body, i, Math.min(5, body.length - i));
        }
        assertThat(scanner.finish()).isEqualTo(new UsageCounts(8, 0, 0));
        assertThat(BodyUsageScanner.scanWhole(body)).as("the same body scanned whole")
                .isEqualTo(new UsageCounts(8, 0, 0));
    }

    @Test
    void wholeBodyScanReadsResponsesUsageAndSkipsEverythingElse() {
        byte[] body = bytes("{\"output\":[{\"usage\":{\"input_tokens\":99}}],\"response\":{\"usage\":"
                + "{\"input_tokens\":4,\"output_tokens\":9,\"input_tokens_details\":{\"cached_tokens\":2}}}}");
        assertThat(BodyUsageScanner.scanWhole(body)).isEqualTo(new UsageCounts(4, 9, 2));
        assertThat(BodyUsageScanner.scanWhole(bytes("{\"data\":[1,2,3]}"))).isNull();
        assertThat(BodyUsageScanner.scanWhole(bytes("not json"))).isNull();
    }
}
