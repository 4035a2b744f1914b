package app.earshot.pronunciation;

import java.util.List;

/** Writes lexicon entries for guessed words as PLS 1.0 {@code <lexeme>} elements, ready to paste into lexicon.pls. */
public final class PlsSnippet {
    private PlsSnippet() {}

    /** One {@code <lexeme>} per word that has a suggestion, each after a comment with the phones now and suggested. */
    public static String of(List<GuessedWord> words) {
        StringBuilder out = new StringBuilder();
        for (GuessedWord w : words) {
            if (w.suggestion() == null) continue;
            out.append("  <!-- ").append(comment(w.word())).append(": now ").append(comment(w.phones()))
                    .append("; \"").append(comment(w.suggestion().alias())).append("\" gives ")
                    .append(comment(w.suggestion().phones())).append(" -->\n")
                    .append("  <lexeme>\n    <grapheme>").append(xml(w.word())).append("</grapheme>\n")
                    .append("    <alias>").append(xml(w.suggestion().alias())).append("</alias>\n  </lexeme>\n");
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
