package dev.llmcache;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the packages as docs/architecture.md draws them: no cycles, no dependency between two
 * packages that the page does not draw (and no arrow on the page that the code no longer has), and
 * no feature that depends on an HTTP layer ({@code *.web}) but its own controllers do.
 */
class ArchitectureTests {

    private static final String ROOT = "dev.llmcache";
    private static final Path DOCUMENT = Path.of("docs/architecture.md");
    private static final Pattern ARROW = Pattern.compile("^\\s*([a-z]+) --> ([a-z]+)\\s*$");
    /** Every package may use these; they use nothing of ours. The page leaves their arrows out. */
    private static final Set<String> EVERYONE_MAY_USE = Set.of("support", "config");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void dependenciesBetweenPackagesAreTheArrowsOfTheArchitecturePage() throws IOException {
        Set<String> drawn = drawnArrows();
        TreeMap<String, List<String>> undrawn = new TreeMap<>();
        Set<String> used = new TreeSet<>();
        for (JavaClass type : classes) {
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                String from = packageOf(type);
                String to = packageOf(dependency.getTargetClass());
                if (to == null || from.equals(to) || EVERYONE_MAY_USE.contains(to)) {
                    continue;
                }
                String arrow = from + " --> " + to;
                used.add(arrow);
                if (!drawn.contains(arrow)) {
                    undrawn.computeIfAbsent(arrow, a -> new ArrayList<>()).add(dependency.getDescription());
                }
            }
        }
        assertThat(undrawn).as("dependencies not drawn in %s: draw the arrow (and say why) or remove the dependency",
                DOCUMENT).isEmpty();
        assertThat(drawn).as("arrows of %s that the code no longer has", DOCUMENT).isSubsetOf(used);
        assertThat(EVERYONE_MAY_USE).allSatisfy(base -> assertThat(used).noneMatch(arrow -> arrow.startsWith(base + " ")));
    }

    @Test
    void featuresDoNotDependOnAnHttpLayer() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".*.web..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".*.web..")
                .because("a feature's HTTP layer (its web sub-package) uses the feature, never the other way round")
                .check(classes);
    }

    /** The top-level package under dev.llmcache ("app" for the root package), or null outside ours. */
    private static String packageOf(JavaClass type) {
        String name = type.getPackageName();
        if (name.equals(ROOT)) {
            return "app";
        }
        if (!name.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static Set<String> drawnArrows() throws IOException {
        Set<String> arrows = new TreeSet<>();
        boolean inDiagram = false;
        for (String line : Files.readAllLines(DOCUMENT)) {
            if (line.startsWith("```mermaid")) {
                inDiagram = true;
            } else if (line.startsWith("```")) {
                inDiagram = false;
            } else if (inDiagram) {
                Matcher arrow = ARROW.matcher(line);
                if (arrow.matches()) {
                    arrows.add(arrow.group(1) + " --> " + arrow.group(2));
                }
            }
        }
        assertThat(arrows).as("the arrows of the mermaid diagram in %s", DOCUMENT).isNotEmpty();
        return arrows;
    }
}
