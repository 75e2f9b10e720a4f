package dev.llmcache.migration;

/** The migration's reasons are clauses ("source /x does not exist"); as a problem's detail, a sentence. */
final class Sentences {

    private Sentences() {
    }

    static String of(String clause) {
        String text = Character.toUpperCase(clause.charAt(0)) + clause.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
