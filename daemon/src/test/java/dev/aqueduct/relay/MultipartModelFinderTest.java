package dev.aqueduct.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartModelFinderTest {
    private static final String BODY = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
            + "Content-Type: audio/mpeg\r\n\r\nBINARY--XyZ-ish\r\n--XyZ\r\nContent-Disposition: form-data; "
            + "name=\"model\"\r\n\r\nwhisper-1\r\n--XyZ--\r\n";

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 64, 4096})
    void findsTheModelFieldHoweverTheBodyIsCut(int pieceSize) {
        byte[] body = BODY.getBytes(StandardCharsets.ISO_8859_1);
        MultipartModelFinder finder = new MultipartModelFinder("XyZ");
        MultipartModelFinder.Found found = null;
        for (int i = 0; i < body.length && found == null; i += pieceSize) {
            int n = Math.min(pieceSize, body.length - i);
            byte[] piece = new byte[n];
            System.arraycopy(body, i, piece, 0, n);
            found = finder.append(piece, n);
        }
        assertThat(found).isNotNull();
        assertThat(found.model()).isEqualTo("whisper-1");
        assertThat(new String(finder.bytes(), found.valueStart(), found.valueEnd() - found.valueStart(),
                StandardCharsets.ISO_8859_1)).isEqualTo("whisper-1");
    }
}
