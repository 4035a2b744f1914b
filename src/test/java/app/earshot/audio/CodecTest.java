package app.earshot.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CodecTest {

    @Test
    void parseIgnoresCaseAndBlanks() {
        assertEquals(Codec.ULAW, Codec.parse(" ULaw "));
    }

    @Test
    void unknownCodecNamesTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Codec.parse("mp3"));
        assertEquals("unknown codec 'mp3'; valid: ulaw, alaw, pcm", e.getMessage());
    }

    @Test
    void missingCodecIsRejectedTheSameWay() {
        assertThrows(IllegalArgumentException.class, () -> Codec.parse(null));
    }

    @Test
    void rawG711HasTheContentTypesIvrPlatformsExpect() {
        assertEquals("audio/basic", Codec.ULAW.rawContentType());
        assertEquals("audio/x-alaw-basic", Codec.ALAW.rawContentType());
    }
}
