package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code POST /v1/audio/transcriptions} and {@code /v1/audio/translations}: reads the whole
 * multipart upload and answers the usual {@code text} plus what arrived of the {@code file} part,
 * {@code received_bytes} and its {@code sha256}, so a test can prove an upload passed the
 * gateway byte for byte.
 */
final class AudioTranscriptions implements Endpoint {
    @Override
    public Reply answer(ApiRequest request) {
        FilePart file = request.files().stream()
                .filter(part -> part.name().equals("file"))
                .findFirst()
                .orElseThrow(() -> ApiError.missing("file"));
        String model = request.model();
        ObjectNode body = JsonBytes.object()
                .put("text", ContentText.text(request.pieces()))
                .put("model", model)
                .put("received_bytes", file.bytes().length)
                .put("sha256", sha256(file.bytes()));
        return Reply.json(body);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256, which every runtime must have", e);
        }
    }
}
