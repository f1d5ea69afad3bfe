package dev.aqueduct.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator's pieces without a socket: stream plans, multipart parsing, directives, word counts. */
class SimulatorPartsTest {
    private static final List<byte[]> EVENTS = List.of(bytes("data: a\n\n"), bytes("data: Café\n\n"),
            bytes("data: 🙂\n\n"), bytes("data: [DONE]\n\n"));

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Directives directives(Fault... faults) {
        return new Directives(8, 5, 0, 0, Set.of(faults));
    }

    @Test
    void plansOneWritePerEventPacedAfterTheFirst() {
        List<EventStreamWriter.Write> writes = ReplySender.plan(EVENTS, directives());

        assertThat(writes).extracting(EventStreamWriter.Write::delayMillis).containsExactly(0L, 5L, 5L, 5L);
    }

    @Test
    void plansHalfTheEventsWhenDroppingMidStream() {
        assertThat(ReplySender.plan(EVENTS, directives(Fault.DROP_MID_STREAM))).hasSize(2);
    }

    @Test
    void plansEmojiCutInTheMiddleWhenSplittingUtf8() {
        List<EventStreamWriter.Write> writes = ReplySender.plan(EVENTS, directives(Fault.SPLIT_UTF8));

        assertThat(writes).hasSize(5);
        assertThat(writes.get(2).bytes()).endsWith((byte) 0xF0, (byte) 0x9F);
        assertThat(writes.get(3).bytes()).startsWith((byte) 0x99, (byte) 0x82);
        assertThat(writes.get(3).delayMillis()).isGreaterThanOrEqualTo(ReplySender.SPLIT_PAUSE_MILLIS);
    }

    @Test
    void parsesMultipartFieldsAndExactFileBytes() {
        byte[] body = bytes("--b1\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n\r\n--b\r\n--b1--\r\n");

        MultipartForm form = MultipartForm.parse(body, "multipart/form-data; boundary=\"b1\"");

        assertThat(form.fields()).containsEntry("model", "whisper-1");
        assertThat(form.files()).singleElement().satisfies(file -> {
            assertThat(file.filename()).isEqualTo("a.mp3");
            assertThat(file.bytes()).isEqualTo(bytes("\r\n--b"));
        });
    }

    @Test
    void rejectsMultipartWithoutClosingBoundary() {
        byte[] body = bytes("--b1\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1");

        assertThatThrownBy(() -> MultipartForm.parse(body, "multipart/form-data; boundary=b1"))
                .isInstanceOf(ApiError.class)
                .hasMessageContaining("closing boundary");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"simulator\":{\"fault\":\"status:42\"}}|needs a number from 100 to 599",
        "{\"simulator\":{\"chunks\":-1}}|simulator.chunks must be a whole number",
        "{\"simulator\":{\"chunk_delay_ms\":1.5}}|simulator.chunk_delay_ms must be a whole number",
        "{\"simulator\":\"gzip\"}|must be an object"})
    void rejectsMalformedDirectivesNamingTheProblem(String body, String message) {
        assertThatThrownBy(() -> Directives.from(TestClients.json(body), SimulatorOptions.defaults()))
                .isInstanceOf(ApiError.class)
                .hasMessageContaining(message);
    }

    @Test
    void readsCombinedFaults() {
        Directives directives = Directives.from(TestClients.json(
                "{\"simulator\":{\"fault\":[\"status:429\",\"delay_headers_ms:20\",\"gzip\"]}}"),
                SimulatorOptions.defaults());

        assertThat(directives.failStatus()).isEqualTo(429);
        assertThat(directives.headerDelayMillis()).isEqualTo(20);
        assertThat(directives.faults()).containsExactly(Fault.GZIP);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''|1", "one|1", "'  two words  '|2", "'tabs\tand\nlines'|3"})
    void countsWhitespaceSeparatedWordsAtLeastOne(String text, int tokens) {
        assertThat(PromptWords.count(JsonBytes.NODES.textNode(text))).isEqualTo(tokens);
    }

    @Test
    void countsWordsOfChatMessagesAndContentParts() {
        String messages = "[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"three more words\"}]}]";

        assertThat(PromptWords.count(TestClients.json(messages))).isEqualTo(5);
    }
}
