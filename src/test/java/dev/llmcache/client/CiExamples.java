package dev.llmcache.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The CI examples under {@code docs/ci}, parsed, and the shell scripts they run. */
final class CiExamples {

    static final Path DIR = Path.of("docs/ci");
    static final Path GITHUB = DIR.resolve("github-actions.yml");
    static final Path GITLAB = DIR.resolve("gitlab-ci.yml");
    static final Path ANALYSE = DIR.resolve("llm-analyse.sh");
    static final String ANALYSE_STEP = "Analyse the changed files";

    private CiExamples() {
    }

    static Map<String, Object> yaml(Path file) {
        try {
            Object document = new Yaml().load(Files.readString(file));
            assertThat(document).as(file + " is a YAML mapping").isInstanceOf(Map.class);
            return map(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The GitHub workflow's job that analyses. */
    static Map<String, Object> githubJob() {
        return map(map(yaml(GITHUB).get("jobs")).get("analyse"));
    }

    static List<Map<String, Object>> githubSteps() {
        return list(githubJob().get("steps")).stream().map(CiExamples::map).toList();
    }

    static Map<String, Object> githubStep(String name) {
        return githubSteps().stream().filter(step -> name.equals(step.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step named " + name + " in " + GITHUB));
    }

    /** The GitLab job. */
    static Map<String, Object> gitlabJob() {
        return map(yaml(GITLAB).get("llm-analysis"));
    }

    /** The lines of a GitLab job's script section, run in one shell as the runner does. */
    static String gitlabScript(String section) {
        return String.join("\n", list(gitlabJob().get(section)).stream().map(String.class::cast).toList()) + "\n";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
