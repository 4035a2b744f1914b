package app.earshot.content;

import java.util.List;

/**
 * One section of a page: the introduction or everything under one level-2 heading.
 *
 * @param id             stable slug, unique within its page ({@code fda-breakthrough-status})
 * @param heading        heading text as written (the introduction's is "Introduction")
 * @param introduction   true for the text before the first level-2 heading
 * @param html           rendered body for the whole page, where sub-headings are {@code h3}
 * @param standaloneHtml rendered body for the section's own page, where sub-headings are {@code h2}
 * @param blocks         the body as plain structural blocks, in reading order
 * @param line           line in the source file where the section starts
 */
public record Section(String id, String heading, boolean introduction, String html, String standaloneHtml,
                      List<Block> blocks, int line) {
    public Section {
        blocks = List.copyOf(blocks);
    }
}
