package dev.aqueduct.relay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser reads an answer the same way however its bytes are cut: every input here is fed whole, one byte at a
 * time and in seeded random pieces, from one buffer scribbled over after each piece, and every way must agree.
 */
class ResponseParserTest {
    private static final String TEXT = "naïve café: 漢字 and 🙂, ok";
    private static final int RANDOM_CUTTINGS = 25;
    private static final String CUT_SHORT = "the provider's answer ended before it was complete";

    @Test
    void readsABodyOfDeclaredLength() throws IOException {
        byte[] text = TEXT.getBytes(UTF_8);
        Outcome outcome = read(head("HTTP/1.1 200 OK", "Content-Type: text/plain; charset=utf-8",
                "Content-Length: " + text.length) + TEXT);

        assertThat(outcome.heads()).extracting(UpstreamHead::status).containsExactly(200);
        assertThat(outcome.body()).isEqualTo(text);
        assertThat(new String(outcome.body(), UTF_8)).isEqualTo(TEXT);
        assertThat(outcome.ends()).isOne();
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.reusable()).isTrue();
    }

    @Test
    void keepsHeadersInOrderWithLowerCaseNamesAndStrippedValues() throws IOException {
        Outcome outcome = read(head("HTTP/1.1 404 Not Found", "X-Request-Id:  abc ", "Location: http://h:8080/a?b=c",
                "Set-Cookie: a=1", "set-cookie: b=2", "X-Empty:", "Content-Length: 0"));

        UpstreamHead head = outcome.heads().get(0);
        assertThat(head.names()).containsExactly("x-request-id", "location", "set-cookie", "set-cookie", "x-empty",
                "content-length");
        assertThat(head.values()).containsExactly("abc", "http://h:8080/a?b=c", "a=1", "b=2", "", "0");
        assertThat(outcome.body()).isEmpty();
        assertThat(outcome.reusable()).isTrue();
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() throws IOException {
        byte[] text = TEXT.getBytes(UTF_8);
        // Chunk boundaries fall inside the two-, three- and four-byte characters.
        int[] cuts = {0, utf8Length("naï") - 1, utf8Length("naïve café: 漢") - 2,
            utf8Length("naïve café: 漢字 and 🙂") - 3, text.length};
        String[] extensions = {"", ";name=value", " ; quoted=\"a; b\" ; bare", ";last"};
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(head("HTTP/1.1 200 OK", "Transfer-Encoding: chunked").getBytes(UTF_8));
        for (int i = 0; i + 1 < cuts.length; i++) {
            int size = cuts[i + 1] - cuts[i];
            input.writeBytes((Integer.toHexString(size).toUpperCase() + extensions[i] + "\r\n").getBytes(UTF_8));
            input.write(text, cuts[i], size);
            input.writeBytes("\r\n".getBytes(UTF_8));
        }
        input.writeBytes("0;end=yes\r\nX-Usage: 12\r\nServer-Timing: total;dur=5\r\n\r\n".getBytes(UTF_8));

        Outcome outcome = read(input.toByteArray(), false);

        assertThat(outcome.body()).isEqualTo(text);
        assertThat(outcome.heads().get(0).header("x-usage")).isNull();
        assertThat(outcome.ends()).isOne();
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.reusable()).isTrue();
    }

    @Test
    void chunkedFramingWinsOverContentLength() throws IOException {
        Outcome outcome = read(head("HTTP/1.1 200 OK", "Content-Length: 3", "Transfer-Encoding: gzip, chunked")
                + "5\r\nhello\r\n0\r\n\r\n");

        assertThat(new String(outcome.body(), UTF_8)).isEqualTo("hello");
        assertThat(outcome.reusable()).isTrue();
    }

    @Test
    void acceptsLinesEndedByALineFeedAlone() throws IOException {
        assertThat(new String(read("HTTP/1.1 200 OK\nContent-Length: 2\n\nok").body(), UTF_8)).isEqualTo("ok");
        Outcome chunked = read("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n");
        assertThat(new String(chunked.body(), UTF_8)).isEqualTo("ok");
        assertThat(chunked.reusable()).isTrue();
    }

    @Test
    void readsABodyWithoutLengthUntilTheConnectionCloses() throws IOException {
        String input = head("HTTP/1.1 200 OK", "Content-Type: text/event-stream") + TEXT;

        Outcome open = read(input);
        assertThat(open.body()).isEqualTo(TEXT.getBytes(UTF_8));
        assertThat(open.ends()).isZero();
        assertThat(open.done()).isFalse();
        assertThat(open.reusable()).isFalse();

        Outcome closed = read(input.getBytes(UTF_8), true);
        assertThat(closed.body()).isEqualTo(TEXT.getBytes(UTF_8));
        assertThat(closed.ends()).isOne();
        assertThat(closed.done()).isTrue();
        assertThat(closed.reusable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 204 No Content", "HTTP/1.1 304 Not Modified"})
    void answersWithoutBodyEndAtTheirHeadWhateverLengthTheyDeclare(String statusLine) throws IOException {
        Outcome outcome = read(head(statusLine, "Content-Length: 1234", "ETag: \"v1\""));

        assertThat(outcome.heads()).hasSize(1);
        assertThat(outcome.body()).isEmpty();
        assertThat(outcome.ends()).isOne();
        assertThat(outcome.reusable()).isTrue();
    }

    @Test
    void passesOverInterimAnswersToTheRealHead() throws IOException {
        Outcome outcome = read(head("HTTP/1.1 100 Continue")
                + head("HTTP/1.1 103 Early Hints", "Link: </style.css>; rel=preload")
                + head("HTTP/1.1 201 Created", "Content-Length: 2") + "ok");

        assertThat(outcome.heads()).hasSize(1);
        assertThat(outcome.heads().get(0).status()).isEqualTo(201);
        assertThat(outcome.heads().get(0).header("link")).isNull();
        assertThat(new String(outcome.body(), UTF_8)).isEqualTo("ok");
        assertThat(outcome.reusable()).isTrue();
    }

    @Test
    void reportsSwitchingProtocolsAsAHeadAndGivesTheConnectionUp() throws IOException {
        Outcome outcome = read(head("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade"));

        assertThat(outcome.heads()).extracting(UpstreamHead::status).containsExactly(101);
        assertThat(outcome.heads().get(0).header("upgrade")).isEqualTo("websocket");
        assertThat(outcome.body()).isEmpty();
        assertThat(outcome.ends()).isOne();
        assertThat(outcome.done()).isTrue();
        // The connection now speaks another protocol: no further HTTP request may go over it.
        assertThat(outcome.reusable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 200 OK\r\nConnection: close", "HTTP/1.1 200 OK\r\nconnection: Close",
        "HTTP/1.1 200 OK\r\nConnection: keep-alive, close", "HTTP/1.1 200 OK\r\nConnection: te\r\nConnection: close",
        "HTTP/1.0 200 OK"})
    void answersThatEndTheConnectionAreNotReusable(String start) throws IOException {
        Outcome outcome = read(head(start, "Content-Length: 2") + "ok");

        assertThat(new String(outcome.body(), UTF_8)).isEqualTo("ok");
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.reusable()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("wholeAnswers")
    void bytesAfterAWholeAnswerMakeTheConnectionUntrusted(String answer) throws IOException {
        Outcome alone = read(answer);
        Outcome followed = read(answer + "HTTP/1.1 200 OK\r\n");

        assertThat(alone.reusable()).isTrue();
        assertThat(followed.reusable()).isFalse();
        assertThat(followed.done()).isTrue();
        assertThat(followed.ends()).isOne();
        assertThat(followed.heads()).isEqualTo(alone.heads());
        assertThat(followed.body()).isEqualTo(alone.body());
    }

    @ParameterizedTest
    @MethodSource("wholeAnswers")
    void isDoneExactlyAtTheLastByte(String answer) throws IOException {
        byte[] bytes = answer.getBytes(UTF_8);
        Recorder recorder = new Recorder();
        ResponseParser parser = new ResponseParser(recorder);
        for (int i = 0; i < bytes.length; i++) {
            assertThat(parser.done()).as("done before byte %d", i).isFalse();
            assertThat(recorder.ends).isZero();
            parser.feed(bytes, i, 1);
        }

        assertThat(parser.done()).isTrue();
        assertThat(recorder.ends).isOne();
        parser.endOfInput();
        assertThat(recorder.ends).isOne();
        assertThat(parser.reusable()).isTrue();
    }

    static Stream<String> wholeAnswers() {
        return Stream.of(head("HTTP/1.1 200 OK", "Content-Length: 5") + "hello",
                head("HTTP/1.1 200 OK", "Content-Length: 0"),
                head("HTTP/1.1 200 OK", "Transfer-Encoding: chunked") + "5\r\nhello\r\n0\r\n\r\n",
                head("HTTP/1.1 200 OK", "Transfer-Encoding: chunked") + "3;x=y\r\nabc\r\n0\r\nX-T: 1\r\n\r\n",
                head("HTTP/1.1 204 No Content"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAnswers")
    void refusesMalformedAnswersWithAClearMessage(String what, String input, String message) {
        assertThat(failure(input.getBytes(UTF_8), ProtocolException.class)).hasMessage(message);
    }

    static Stream<Arguments> malformedAnswers() {
        String ok = "HTTP/1.1 200 OK";
        String chunked = head(ok, "Transfer-Encoding: chunked");
        return Stream.of(
                Arguments.of("not HTTP at all", "SSH-2.0-OpenSSH_9.6\r\n\r\n",
                        "the provider did not answer in HTTP/1.1: SSH-2.0-OpenSSH_9.6"),
                Arguments.of("another HTTP version", head("HTTP/2 200"),
                        "the provider did not answer in HTTP/1.1: HTTP/2 200"),
                Arguments.of("no status code", head("HTTP/1.1"), "the provider sent a malformed status line: HTTP/1.1"),
                Arguments.of("letters in the status", head("HTTP/1.1 2x0 OK"),
                        "the provider sent a malformed status line: HTTP/1.1 2x0 OK"),
                Arguments.of("status too low", head("HTTP/1.1 99 Low"),
                        "the provider sent a malformed status line: HTTP/1.1 99 Low"),
                Arguments.of("status of four digits", head("HTTP/1.1 1000 High"),
                        "the provider sent a malformed status line: HTTP/1.1 1000 High"),
                Arguments.of("signed status", head("HTTP/1.1 +200 OK"),
                        "the provider sent a malformed status line: HTTP/1.1 +200 OK"),
                Arguments.of("status with a leading zero", head("HTTP/1.1 099 Low"),
                        "the provider sent a malformed status line: HTTP/1.1 099 Low"),
                Arguments.of("reason where the status goes", head("HTTP/1.1 OK"),
                        "the provider sent a malformed status line: HTTP/1.1 OK"),
                Arguments.of("empty head", "\r\n\r\n", "the provider did not answer in HTTP/1.1: "),
                Arguments.of("header without colon", head(ok, "Content-Length 5"),
                        "the provider sent a malformed header: Content-Length 5"),
                Arguments.of("header without name", head(ok, ": value"),
                        "the provider sent a malformed header: : value"),
                Arguments.of("garbage Content-Length", head(ok, "Content-Length: ten") + "0123456789",
                        "the provider sent a malformed Content-Length: ten"),
                Arguments.of("signed Content-Length", head(ok, "Content-Length: +2") + "ok",
                        "the provider sent a malformed Content-Length: +2"),
                Arguments.of("Content-Length past any body", head(ok, "Content-Length: 99999999999999999999"),
                        "the provider sent a Content-Length too large to read: 99999999999999999999"),
                Arguments.of("negative Content-Length", head(ok, "Content-Length: -1"),
                        "the provider sent a negative Content-Length"),
                Arguments.of("chunk size not hex", chunked + "zz\r\n", "the provider sent a malformed chunk size: zz"),
                Arguments.of("chunk size missing", chunked + ";x=y\r\n", "the provider sent a malformed chunk size: "),
                Arguments.of("signed chunk size", chunked + "+5\r\nhello\r\n",
                        "the provider sent a malformed chunk size: +5"),
                Arguments.of("chunk size past any body", chunked + "1ffffffffffffffff\r\n",
                        "the provider sent a chunk size too large to read: 1ffffffffffffffff"),
                Arguments.of("negative chunk size", chunked + "-5\r\nhello\r\n",
                        "the provider sent a negative chunk size"),
                Arguments.of("chunk longer than declared", chunked + "3\r\nhello\r\n0\r\n\r\n",
                        "a chunk of the provider's answer is longer than it declared"),
                Arguments.of("chunk one byte longer", chunked + "3\r\nabcd\r\n0\r\n\r\n",
                        "a chunk of the provider's answer is longer than it declared"),
                Arguments.of("chunk size line over 8 KiB", chunked + "5;" + "x".repeat(9000) + "\r\n",
                        "the provider's answer has a header or line over 8192 bytes"),
                Arguments.of("head over 64 KiB", headOfSize(64 * 1024 + 1),
                        "the provider's answer has a header or line over 65536 bytes"));
    }

    @Test
    void acceptsAHeadOfExactly64KiB() throws IOException {
        String input = headOfSize(64 * 1024);
        assertThat(input).hasSize(64 * 1024);

        Outcome outcome = read(input);

        assertThat(outcome.heads().get(0).header("x-padding")).hasSizeGreaterThan(60_000);
        assertThat(outcome.done()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answersCutShort")
    void endOfInputBeforeTheAnswerIsWholeIsAnEndOfFile(String what, String input) {
        assertThat(failure(input.getBytes(UTF_8), EOFException.class)).hasMessage(CUT_SHORT);
    }

    static Stream<Arguments> answersCutShort() {
        String chunked = head("HTTP/1.1 200 OK", "Transfer-Encoding: chunked");
        return Stream.of(Arguments.of("in the status line", "HTTP/1.1 20"),
                Arguments.of("in a header", "HTTP/1.1 200 OK\r\nContent-Len"),
                Arguments.of("before the head's empty line", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"),
                Arguments.of("after an interim answer", head("HTTP/1.1 100 Continue")),
                Arguments.of("in a body of declared length", head("HTTP/1.1 200 OK", "Content-Length: 10") + "abc"),
                Arguments.of("before a body of declared length", head("HTTP/1.1 200 OK", "Content-Length: 10")),
                Arguments.of("in a chunk size", chunked + "1"),
                Arguments.of("in a chunk", chunked + "5\r\nab"),
                Arguments.of("after a chunk's data", chunked + "5\r\nhello"),
                Arguments.of("between chunks", chunked + "5\r\nhello\r\n"),
                Arguments.of("in the trailers", chunked + "0\r\nX-Usage: 1\r\n"));
    }

    @Test
    void endOfInputBeforeAnyByteSaysTheProviderClosedTheConnection() throws IOException {
        ResponseParser parser = new ResponseParser(new Recorder());
        parser.feed(new byte[4], 2, 0);

        assertThatThrownBy(parser::endOfInput)
                .isExactlyInstanceOf(EOFException.class)
                .hasMessage("the provider closed the connection");
    }

    @Test
    void startsWithTheFirstByte() throws IOException {
        ResponseParser parser = new ResponseParser(new Recorder());
        assertThat(parser.started()).isFalse();

        parser.feed("xH".getBytes(UTF_8), 1, 0);
        assertThat(parser.started()).isFalse();

        parser.feed("xH".getBytes(UTF_8), 1, 1);
        assertThat(parser.started()).isTrue();
        assertThat(parser.done()).isFalse();
    }

    @Test
    void hasStartedOnceAnInterimAnswerCame() throws IOException {
        ResponseParser parser = new ResponseParser(new Recorder());
        byte[] interim = head("HTTP/1.1 100 Continue").getBytes(UTF_8);
        parser.feed(interim, 0, interim.length);

        assertThat(parser.started()).isTrue();
        assertThatThrownBy(parser::endOfInput).isExactlyInstanceOf(EOFException.class).hasMessage(CUT_SHORT);
    }

    private static String head(String statusLine, String... headers) {
        StringBuilder head = new StringBuilder(statusLine).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** A head of exactly {@code size} bytes, padded with one long header. */
    private static String headOfSize(int size) {
        String start = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Padding: ";
        return start + "p".repeat(size - start.length() - 4) + "\r\n\r\n";
    }

    private static int utf8Length(String text) {
        return text.getBytes(UTF_8).length;
    }

    private static Outcome read(String input) throws IOException {
        return read(input.getBytes(UTF_8), false);
    }

    /** Reads the input cut every way, checks that all ways agree, and returns what they agree on. */
    private static Outcome read(byte[] input, boolean close) throws IOException {
        Outcome first = null;
        for (Cutting cutting : cuttings(input.length)) {
            Outcome outcome = run(input, cutting.pieces(), close);
            if (first == null) {
                first = outcome;
            } else {
                assertThat(outcome).as(cutting.name()).usingRecursiveComparison().isEqualTo(first);
            }
        }
        return first;
    }

    /** Reads the input cut every way, ending it after the last byte, and checks that all ways fail alike. */
    private static Throwable failure(byte[] input, Class<? extends IOException> type) {
        Throwable first = null;
        for (Cutting cutting : cuttings(input.length)) {
            Throwable thrown = catchThrowable(() -> run(input, cutting.pieces(), true));
            assertThat(thrown).as(cutting.name()).isExactlyInstanceOf(type);
            if (first == null) {
                first = thrown;
            } else {
                assertThat(thrown).as(cutting.name()).hasMessage(first.getMessage());
            }
        }
        return first;
    }

    /** Feeds the pieces from one buffer at shifting offsets, overwriting each piece once the parser has had it. */
    private static Outcome run(byte[] input, List<Integer> pieces, boolean close) throws IOException {
        Recorder recorder = new Recorder();
        ResponseParser parser = new ResponseParser(recorder);
        byte[] buffer = new byte[input.length + 7];
        int at = 0;
        for (int piece : pieces) {
            int offset = at % 7;
            System.arraycopy(input, at, buffer, offset, piece);
            parser.feed(buffer, offset, piece);
            Arrays.fill(buffer, offset, offset + piece, (byte) '#');
            at += piece;
        }
        assertThat(at).isEqualTo(input.length);
        assertThat(parser.started()).isEqualTo(input.length > 0);
        if (close) {
            parser.endOfInput();
        }
        return new Outcome(recorder.heads, recorder.body.toByteArray(), recorder.ends, parser.done(),
                parser.reusable());
    }

    private static List<Cutting> cuttings(int length) {
        List<Cutting> cuttings = new ArrayList<>();
        cuttings.add(new Cutting("whole", List.of(length)));
        cuttings.add(new Cutting("one byte at a time", Collections.nCopies(length, 1)));
        for (long seed = 1; seed <= RANDOM_CUTTINGS; seed++) {
            cuttings.add(new Cutting("random pieces, seed " + seed, randomPieces(new Random(seed), length)));
        }
        return cuttings;
    }

    private static List<Integer> randomPieces(Random random, int length) {
        List<Integer> pieces = new ArrayList<>();
        int left = length;
        while (left > 0) {
            // Mostly a few bytes, sometimes none, now and then a large share of what is left.
            int piece = Math.min(left, random.nextInt(5) == 0 ? random.nextInt(left + 1) : random.nextInt(9));
            pieces.add(piece);
            left -= piece;
        }
        return pieces;
    }

    private record Cutting(String name, List<Integer> pieces) { }

    /** What the listener saw, and what the parser said, once the input was fed. */
    private record Outcome(List<UpstreamHead> heads, byte[] body, int ends, boolean done, boolean reusable) { }

    /** Collects what the parser finds, and fails at once if it comes out of order: head, body pieces, end. */
    private static final class Recorder implements ResponseParser.Listener {
        private final List<UpstreamHead> heads = new ArrayList<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int ends;

        @Override
        public void head(UpstreamHead head) {
            assertThat(heads).as("heads before this one").isEmpty();
            heads.add(head);
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
            assertThat(heads).as("heads before a body piece").hasSize(1);
            assertThat(ends).as("ends before a body piece").isZero();
            body.write(bytes, offset, length);
        }

        @Override
        public void end() {
            assertThat(heads).as("heads before the end").hasSize(1);
            assertThat(ends).as("ends before this one").isZero();
            ends++;
        }
    }
}
