package dev.aqueduct.simulator;

/**
 * {@code POST /v1/audio/speech}: {@code audio/mpeg} bytes, whatever the input. The body is a run
 * of silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz), enough for players and size checks.
 */
final class AudioSpeech implements Endpoint {
    static final String CONTENT_TYPE = "audio/mpeg";
    private static final int FRAME_BYTES = 417;
    private static final int FRAMES = 12;
    private static final byte[] AUDIO = silentFrames();

    @Override
    public Reply answer(ApiRequest request) {
        request.model();
        request.required("input");
        return new Reply.Binary(CONTENT_TYPE, AUDIO);
    }

    private static byte[] silentFrames() {
        byte[] audio = new byte[FRAME_BYTES * FRAMES];
        byte[] header = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0x64};
        for (int frame = 0; frame < FRAMES; frame++) {
            System.arraycopy(header, 0, audio, frame * FRAME_BYTES, header.length);
        }
        return audio;
    }
}
