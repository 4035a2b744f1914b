package app.earshot.pronunciation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes lexicon entries for guessed words as PLS 1.0 {@code <lexeme>} elements, ready to paste into lexicon.pls. */
public final class PlsSnippet {
    private PlsSnippet() {}

    /**
     * One {@code <lexeme>} per suggested alias, after a comment with the phones now and suggested; spellings of one
     * word that differ only in case ("Neurobiological", "neurobiological") share a lexeme, one grapheme each.
     */
    public static String of(List<GuessedWord> words) {
        Map<String, List<GuessedWord>> byAlias = new LinkedHashMap<>();
        for (GuessedWord w : words) {
            if (w.suggestion() == null) continue;
            String key = w.word().toLowerCase(Locale.ROOT) + "\0" + w.suggestion().alias();
            byAlias.computeIfAbsent(key, k -> new ArrayList<>()).add(w);
        }
        StringBuilder out = new StringBuilder();
        for (List<GuessedWord> group : byAlias.values()) {
            GuessedWord w = group.get(0);
            out.append("  <!-- ").append(comment(w.word())).append(": now ").append(comment(w.phones()))
                    .append("; \"").append(comment(w.suggestion().alias())).append("\" gives ")
                    .append(comment(w.suggestion().phones())).append(" -->\n  <lexeme>\n");
            for (GuessedWord g : group) out.append("    <grapheme>").append(xml(g.word())).append("</grapheme>\n");
            out.append("    <alias>").append(xml(w.suggestion().alias())).append("</alias>\n  </lexeme>\n");
        }
        return out.toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** "--" may not appear inside an XML comment. */
    private static String comment(String s) {
        return xml(s).replace("--", "- -");
    }
}
