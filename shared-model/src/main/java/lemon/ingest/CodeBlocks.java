package lemon.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes code blocks out of a story before anything reads it: code is not prose, so it must never
 * become characters or scene prompts. Fenced blocks (``` or ~~~, CommonMark rules: the closing
 * fence uses the same character at least as often; an unclosed fence runs to the end) go from every
 * file, since a fence line is never prose. Indented blocks (4 spaces or a tab after a blank line)
 * go from Markdown only: plain text often indents verse or paragraphs. Each block becomes a blank
 * line, so the paragraphs around it stay apart.
 */
final class CodeBlocks {
    record Stripped(String text, int blocks) {}

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern INDENTED = Pattern.compile("^( {4}|\\t).*\\S.*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^ {0,3}([-*+]|\\d{1,9}[.)])\\s+\\S.*$");

    private CodeBlocks() {}

    static Stripped strip(String text, boolean markdown) {
        String[] lines = text.split("\\R", -1);
        StringBuilder out = new StringBuilder(text.length());
        int blocks = 0;
        String fence = null; // the opening fence while inside a fenced block
        boolean inIndented = false;
        boolean previousBlank = true; // the start of the file counts as after a blank line
        boolean inList = false; // an indented line after a list item continues the item, it is not code
        for (String line : lines) {
            boolean blank = line.isBlank();
            if (fence != null) {
                Matcher close = FENCE.matcher(line);
                if (close.matches()
                        && close.group(1).charAt(0) == fence.charAt(0)
                        && close.group(1).length() >= fence.length()
                        && close.group(2).isBlank()) {
                    fence = null;
                    previousBlank = true;
                }
                continue;
            }
            Matcher open = FENCE.matcher(line);
            // a backtick fence's info string may not contain backticks (CommonMark), or it is inline code
            if (open.matches()
                    && !(open.group(1).charAt(0) == '`' && open.group(2).contains("`"))) {
                fence = open.group(1);
                blocks++;
                inIndented = false;
                out.append('\n');
                continue;
            }
            if (markdown && !blank && INDENTED.matcher(line).matches() && (inIndented || (previousBlank && !inList))) {
                if (!inIndented) {
                    blocks++;
                    out.append('\n');
                }
                inIndented = true;
                continue;
            }
            if (!blank) {
                inIndented = false;
                inList = LIST_ITEM.matcher(line).matches() || (inList && (line.startsWith(" ") || !previousBlank));
            }
            previousBlank = blank;
            out.append(line).append('\n');
        }
        return new Stripped(out.toString(), blocks);
    }
}
