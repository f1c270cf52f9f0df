package dev.lectern.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The facts the README and docs state that a machine can check, checked against the code: environment
 * variables, decision records, runbooks, links, named files and HTTP endpoints. Every fact is found by scanning
 * (sources, configuration, the docs folder), never from a list kept here, so a new variable, ADR,
 * runbook, file or endpoint is checked without touching this test. Each failure names the missing fact.
 */
class DocumentationFactsTest {

    private static final Path ROOT = repositoryRoot();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern GETENV =
            Pattern.compile("getenv\\(\\s*\"([A-Z][A-Z0-9_]*)\"|getenv\\(\\)\\.get\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern ENV_EXAMPLE_LINE = Pattern.compile("(?m)^#?\\s*([A-Z][A-Z0-9_]*)=");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern ADR_FILE = Pattern.compile("\\d{4}-.+\\.md");

    // ---- environment variables --------------------------------------------------------------------

    @Test
    void everyEnvironmentVariableTheCodeReadsIsListedInTheReadmeAndEnvExample() {
        Set<String> read = environmentVariablesRead();
        List<String> readme = readmeConfigurationTable();
        Set<String> envExample = envExampleVariables();
        assertThat(read)
                .as("environment variables found in configuration and code (is the scan broken?)")
                .isNotEmpty();

        List<String> missing = new ArrayList<>();
        for (String variable : read) {
            if (readme.stream().noneMatch(listed -> matches(listed, variable))) {
                missing.add(variable + " is read by the code but not in README.md's Configuration table");
            }
            if (!envExample.contains(variable)) {
                missing.add(variable + " is read by the code but not in .env.example");
            }
        }
        assertThat(missing).as("undocumented environment variables").isEmpty();
    }

    @Test
    void everyEnvironmentVariableTheReadmeAndEnvExampleListIsRead() {
        Set<String> read = environmentVariablesRead();
        List<String> unused = new ArrayList<>();
        for (String listed : readmeConfigurationTable()) {
            if (read.stream().noneMatch(variable -> matches(listed, variable))) {
                unused.add(listed + " is in README.md's Configuration table but nothing reads it");
            }
        }
        for (String listed : envExampleVariables()) {
            if (!read.contains(listed)) {
                unused.add(listed + " is in .env.example but nothing reads it");
            }
        }
        assertThat(unused)
                .as("documented environment variables that the code does not read")
                .isEmpty();
    }

    /**
     * The defaults the README's table and .env.example's commented lines give are the ones the configuration has
     * (outside profile documents). A row is compared when it gives one backticked default per variable.
     */
    @Test
    void theDefaultsTheReadmeAndEnvExampleGiveAreTheConfiguredOnes() {
        Map<String, String> configured = configuredDefaults();
        List<String> wrong = new ArrayList<>();
        String section = section(read(ROOT.resolve("README.md")), "## Configuration");
        for (String line : section.lines().filter(l -> l.startsWith("| `")).toList()) {
            String[] cells = line.split("\\|");
            List<String> variables = Pattern.compile("`([A-Z][A-Z0-9_]*)`")
                    .matcher(cells[1])
                    .results()
                    .map(m -> m.group(1))
                    .toList();
            List<String> defaults = Pattern.compile("`([^`]*)`")
                    .matcher(cells[2])
                    .results()
                    .map(m -> m.group(1))
                    .toList();
            if (variables.size() != defaults.size()) {
                continue;
            }
            for (int i = 0; i < variables.size(); i++) {
                String expected = configured.get(variables.get(i));
                if (expected != null && !expected.equals(defaults.get(i))) {
                    wrong.add("README.md gives " + variables.get(i) + " the default " + defaults.get(i)
                            + ", the configuration " + expected);
                }
            }
        }
        Matcher commented =
                Pattern.compile("(?m)^#\\s*([A-Z][A-Z0-9_]*)=(.*)$").matcher(read(ROOT.resolve(".env.example")));
        while (commented.find()) {
            String expected = configured.get(commented.group(1));
            if (expected != null && !expected.equals(commented.group(2).strip())) {
                wrong.add(".env.example gives " + commented.group(1) + " the default "
                        + commented.group(2).strip() + ", the configuration " + expected);
            }
        }
        assertThat(wrong).as("documented defaults").isEmpty();
    }

    /** {@code ${VAR:default}} with a non-empty default, from the part of each configuration file before any profile. */
    static Map<String, String> configuredDefaults() {
        Map<String, String> defaults = new TreeMap<>();
        for (Path file :
                files(p -> isMainResource(p) && p.getFileName().toString().matches(".*\\.(ya?ml|properties)"))) {
            String common = read(file).split("(?m)^---\\s*$")[0];
            Matcher placeholder =
                    Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}$]+)}").matcher(common);
            while (placeholder.find()) {
                defaults.put(placeholder.group(1), placeholder.group(2));
            }
        }
        return defaults;
    }

    /** {@code ${VAR...}} placeholders in every module's main resources, and {@code System.getenv("VAR")} in main code. */
    static Set<String> environmentVariablesRead() {
        Set<String> read = new TreeSet<>();
        for (Path file :
                files(p -> isMainResource(p) && p.getFileName().toString().matches(".*\\.(ya?ml|properties)"))) {
            PLACEHOLDER.matcher(read(file)).results().forEach(m -> read.add(m.group(1)));
        }
        for (Path file : mainJavaSources()) {
            GETENV.matcher(read(file)).results().forEach(m -> read.add(m.group(1) != null ? m.group(1) : m.group(2)));
        }
        return read;
    }

    /** The first column of README.md's Configuration table: backticked names, {@code *} as a wildcard. */
    static List<String> readmeConfigurationTable() {
        String section = section(read(ROOT.resolve("README.md")), "## Configuration");
        List<String> names = new ArrayList<>();
        for (String line : section.lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher name = Pattern.compile("`([A-Z][A-Z0-9_*]*)`").matcher(firstCell);
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        assertThat(names)
                .as("README.md has a '## Configuration' section with a table of variables")
                .isNotEmpty();
        return names;
    }

    static Set<String> envExampleVariables() {
        Set<String> names = new TreeSet<>();
        ENV_EXAMPLE_LINE.matcher(read(ROOT.resolve(".env.example"))).results().forEach(m -> names.add(m.group(1)));
        return names;
    }

    private static boolean matches(String listed, String variable) {
        return listed.contains("*") ? variable.matches(listed.replace("*", "[A-Z0-9_]+")) : listed.equals(variable);
    }

    // ---- decision records, runbooks, docs, links ---------------------------------------------------

    @Test
    void everyDecisionRecordIsLinkedFromTheReadmeAndEveryLinkedOneExists() {
        Set<String> linked = links(ROOT.resolve("README.md"));
        List<String> problems = new ArrayList<>();
        for (Path adr : filesIn(ROOT.resolve("docs/adr"))) {
            if (ADR_FILE.matcher(adr.getFileName().toString()).matches() && !linked.contains(relative(adr))) {
                problems.add(relative(adr) + " is not linked from README.md");
            }
        }
        for (String link : linked) {
            if (link.startsWith("docs/adr/")
                    && ADR_FILE.matcher(link.substring("docs/adr/".length())).matches()
                    && !Files.isRegularFile(ROOT.resolve(link))) {
                problems.add("README.md links " + link + ", which does not exist");
            }
        }
        assertThat(problems).as("decision records and README.md").isEmpty();
    }

    @Test
    void everyRunbookIsLinkedFromTheRunbookIndexWhichTheReadmeLinks() {
        Path index = ROOT.resolve("docs/runbooks/README.md");
        Set<String> linked = links(index);
        List<String> problems = new ArrayList<>();
        for (Path runbook : filesIn(ROOT.resolve("docs/runbooks"))) {
            if (runbook.toString().endsWith(".md") && !runbook.equals(index) && !linked.contains(relative(runbook))) {
                problems.add(relative(runbook) + " is not linked from docs/runbooks/README.md");
            }
        }
        Set<String> fromReadme = links(ROOT.resolve("README.md"));
        if (!fromReadme.contains("docs/runbooks") && !fromReadme.contains("docs/runbooks/README.md")) {
            problems.add("README.md does not link the runbooks (docs/runbooks/)");
        }
        assertThat(problems).as("runbooks").isEmpty();
    }

    @Test
    void everyPageInDocsIsLinkedFromTheReadme() {
        Set<String> linked = links(ROOT.resolve("README.md"));
        List<String> unlinked = filesIn(ROOT.resolve("docs")).stream()
                .filter(page -> page.toString().endsWith(".md"))
                .map(DocumentationFactsTest::relative)
                .filter(page -> !linked.contains(page))
                .map(page -> page + " is not linked from README.md")
                .toList();
        assertThat(unlinked).as("pages in docs/").isEmpty();
    }

    @Test
    void everyRelativeLinkInTheReadmeAndDocsLeadsToAFileThatExists() {
        List<String> broken = new ArrayList<>();
        for (Path page : documentationPages()) {
            for (String link : links(page)) {
                if (!Files.exists(ROOT.resolve(link))) {
                    broken.add(relative(page) + " links " + link + ", which does not exist");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    private static final Pattern NAMED_FILE = Pattern.compile("`([\\w./-]+\\.(?:java|sql|ya?ml|sh|http|md))`");

    /**
     * Files the README and docs name in backticks ({@code ActorResolver.java}, {@code platform/.../live/RedisLiveRelay.java},
     * {@code platform/src/main/resources/application.yaml}) exist: a class that moved leaves no stale path behind.
     * A file that is not in the repository (one the reader creates, the seeds' layout) is named in italics instead.
     */
    @Test
    void everyFileTheReadmeAndDocsNameExists() {
        List<Path> everyFile = files(p -> true);
        Set<String> paths =
                everyFile.stream().map(DocumentationFactsTest::relative).collect(Collectors.toSet());
        Set<String> names =
                everyFile.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (Path page : documentationPages()) {
            Matcher named = NAMED_FILE.matcher(read(page));
            while (named.find()) {
                String file = named.group(1);
                boolean exists;
                if (file.contains(".../")) {
                    String head = file.substring(0, file.indexOf("/..."));
                    String tail = file.substring(file.lastIndexOf(".../") + 3);
                    exists = paths.stream().anyMatch(p -> p.startsWith(head + "/") && p.endsWith(tail));
                } else if (file.contains("/")) {
                    exists = paths.contains(file)
                            || Files.exists(page.getParent().resolve(file))
                            || paths.stream().anyMatch(p -> p.endsWith("/" + file));
                } else {
                    exists = names.contains(file);
                }
                if (!exists) {
                    missing.add(relative(page) + " names " + file + ", which does not exist");
                }
            }
        }
        assertThat(missing).as("files named in the docs").isEmpty();
    }

    /** README.md, every module's README.md and every page under docs/. */
    private static List<Path> documentationPages() {
        List<Path> pages = new ArrayList<>(
                files(p -> p.startsWith(ROOT.resolve("docs")) && p.toString().endsWith(".md")));
        pages.add(ROOT.resolve("README.md"));
        files(p -> p.getFileName().toString().equals("README.md")
                        && p.getParent().getParent() != null
                        && p.getParent().getParent().equals(ROOT))
                .forEach(pages::add);
        return pages;
    }

    /** Relative link targets of a Markdown page, as paths from the repository root (no anchors, no URLs). */
    static Set<String> links(Path page) {
        Set<String> links = new LinkedHashSet<>();
        Matcher link = MARKDOWN_LINK.matcher(read(page));
        while (link.find()) {
            String target = link.group(1);
            if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                continue;
            }
            int anchor = target.indexOf('#');
            if (anchor >= 0) {
                target = target.substring(0, anchor);
            }
            Path resolved = page.getParent().resolve(target).normalize();
            links.add(relative(resolved));
        }
        return links;
    }

    // ---- HTTP endpoints ----------------------------------------------------------------------------

    @Test
    void everyEndpointTheReadmeAndRequestsHttpMentionIsMappedBySomeController() {
        List<Mapping> mappings = controllerMappings();
        assertThat(mappings)
                .as("request mappings found in main sources (is the scan broken?)")
                .isNotEmpty();
        List<Mentioned> mentioned = new ArrayList<>(mentionedInReadme());
        if (Files.exists(ROOT.resolve("requests.http"))) {
            mentioned.addAll(mentionedInRequestsHttp());
        }
        assertThat(mentioned)
                .as("endpoints found in README.md (is the scan broken?)")
                .isNotEmpty();

        List<String> unmapped = new ArrayList<>();
        for (Mentioned endpoint : mentioned) {
            if (endpoint.path().startsWith("/actuator/")) {
                continue; // Spring Boot Actuator's, not a controller of ours
            }
            if (mappings.stream().noneMatch(mapping -> mapping.serves(endpoint))) {
                unmapped.add(endpoint + " (" + endpoint.where() + ") matches no @...Mapping in main sources");
            }
        }
        assertThat(unmapped).as("endpoints in the docs without a controller").isEmpty();
    }

    /** A method ({@code null}: any) and a path whose segments are literals or {@code {}} (a variable). */
    record Mentioned(String method, String path, boolean suffixOnly, String where) {

        @Override
        public String toString() {
            return (method == null ? "" : method + " ") + (suffixOnly ? "..." : "") + path;
        }
    }

    record Mapping(Set<String> methods, String path, String source) {

        boolean serves(Mentioned endpoint) {
            if (endpoint.method() != null && !methods.isEmpty() && !methods.contains(endpoint.method())) {
                return false;
            }
            List<String> mine = segments(path);
            List<String> theirs = segments(endpoint.path());
            if (endpoint.suffixOnly() ? theirs.size() > mine.size() : theirs.size() != mine.size()) {
                return false;
            }
            int offset = mine.size() - theirs.size();
            for (int i = 0; i < theirs.size(); i++) {
                String own = mine.get(offset + i);
                String other = theirs.get(i);
                boolean variable = own.startsWith("{") && own.endsWith("}");
                if (other.equals("{}") ? !variable : !(variable || own.equals(other))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Pattern MAPPING = Pattern.compile("@(Get|Post|Put|Delete|Patch|Request)Mapping\\b");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(class|record|interface)\\s+[A-Z]\\w*");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Every {@code @GetMapping}, {@code @PostMapping}, ... in main sources, with its class's {@code @RequestMapping} prefix. */
    static List<Mapping> controllerMappings() {
        List<Mapping> mappings = new ArrayList<>();
        for (Path file : mainJavaSources()) {
            String source = withoutComments(read(file));
            if (!source.contains("Mapping")) {
                continue;
            }
            Matcher type = TYPE_DECLARATION.matcher(source);
            int typeStart = type.find() ? type.start() : source.length();
            List<String> prefixes = List.of("");
            List<Object[]> methodLevel = new ArrayList<>();
            Matcher annotation = MAPPING.matcher(source);
            while (annotation.find()) {
                String arguments = arguments(source, annotation.end());
                List<String> paths = paths(arguments);
                Set<String> methods = annotation.group(1).equals("Request")
                        ? Pattern.compile("RequestMethod\\.(\\w+)")
                                .matcher(arguments)
                                .results()
                                .map(m -> m.group(1))
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Set.of(annotation.group(1).toUpperCase());
                if (annotation.start() < typeStart && annotation.group(1).equals("Request")) {
                    prefixes = paths;
                } else {
                    methodLevel.add(new Object[] {methods, paths});
                }
            }
            for (Object[] entry : methodLevel) {
                @SuppressWarnings("unchecked")
                Set<String> methods = (Set<String>) entry[0];
                @SuppressWarnings("unchecked")
                List<String> paths = (List<String>) entry[1];
                for (String prefix : prefixes) {
                    for (String path : paths) {
                        mappings.add(new Mapping(methods, join(prefix, path), relative(file)));
                    }
                }
            }
        }
        return mappings;
    }

    /** The text between the parentheses after an annotation name, or "" when it has none. */
    private static String arguments(String source, int from) {
        int i = from;
        while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
            i++;
        }
        if (i >= source.length() || source.charAt(i) != '(') {
            return "";
        }
        int depth = 0;
        boolean inString = false;
        for (int j = i; j < source.length(); j++) {
            char c = source.charAt(j);
            if (inString) {
                if (c == '\\') {
                    j++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(i + 1, j);
            }
        }
        return "";
    }

    /** The {@code path}/{@code value} attribute of a mapping, or its bare first argument; none means "". */
    private static List<String> paths(String arguments) {
        String trimmed = arguments.strip();
        Matcher named = Pattern.compile("\\b(path|value)\\s*=\\s*").matcher(trimmed);
        String values;
        if (named.find()) {
            values = trimmed.substring(named.end());
        } else if (trimmed.startsWith("\"") || trimmed.startsWith("{")) {
            values = trimmed;
        } else {
            return List.of("");
        }
        boolean array = values.startsWith("{");
        List<String> paths = new ArrayList<>();
        Matcher literal = STRING.matcher(values);
        int position = array ? 1 : 0;
        while (literal.find(position)
                && values.substring(position, literal.start()).matches("[\\s,]*")) {
            paths.add(literal.group(1));
            position = literal.end();
            if (!array) {
                break;
            }
        }
        return paths.isEmpty() ? List.of("") : paths;
    }

    private static String join(String prefix, String path) {
        String joined = ("/" + prefix + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static final String METHODS = "(?:GET|POST|PUT|DELETE|PATCH)(?:\\|(?:GET|POST|PUT|DELETE|PATCH))*";
    private static final Pattern METHOD_AND_PATH = Pattern.compile("\\b(" + METHODS + ") (/[^\\s`'\")]*)");
    private static final Pattern CURL_PATH = Pattern.compile("localhost:8080(/[^\\s`'\")]*)");
    private static final Pattern ELIDED_PATH = Pattern.compile("(?<=\\s)\\.\\.\\.(/[^\\s`'\")]*)");

    /** Paths after {@code localhost:8080} on curl lines, after an HTTP method, or elided as {@code .../tail}. */
    static List<Mentioned> mentionedInReadme() {
        List<Mentioned> found = new ArrayList<>();
        List<String> lines = read(ROOT.resolve("README.md")).lines().toList();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String where = "README.md:" + (n + 1);
            Matcher curl = CURL_PATH.matcher(line);
            while (curl.find()) {
                Matcher explicit = Pattern.compile("-X\\s+([A-Z]+)").matcher(line);
                String method = explicit.find() ? explicit.group(1) : line.contains(" -d ") ? "POST" : "GET";
                addAll(found, method, curl.group(1), false, where);
            }
            Matcher withMethod = METHOD_AND_PATH.matcher(line);
            while (withMethod.find()) {
                for (String method : withMethod.group(1).split("\\|")) {
                    addAll(found, method, withMethod.group(2), false, where);
                }
            }
            Matcher elided = ELIDED_PATH.matcher(line);
            while (elided.find()) {
                if (!elided.group(1).matches(".*\\.(java|md|sh|sql|ya?ml)$")) {
                    addAll(found, null, elided.group(1), true, where);
                }
            }
        }
        return found;
    }

    static List<Mentioned> mentionedInRequestsHttp() {
        List<Mentioned> found = new ArrayList<>();
        List<String> lines = read(ROOT.resolve("requests.http")).lines().toList();
        Pattern request = Pattern.compile("^(" + METHODS + ")\\s+\\{\\{[^}]+}}(/\\S*)");
        for (int n = 0; n < lines.size(); n++) {
            Matcher m = request.matcher(lines.get(n));
            if (m.find()) {
                addAll(found, m.group(1), m.group(2), false, "requests.http:" + (n + 1));
            }
        }
        return found;
    }

    /** One mention, with its variables as {@code {}} and {@code a|b} or {@code {a|b}} segments expanded. */
    private static void addAll(List<Mentioned> found, String method, String raw, boolean suffixOnly, String where) {
        String path = raw.replaceAll("\\?.*$", "").replaceAll("[.,:;]+$", "");
        List<String> expanded = List.of("");
        for (String segment : segments(path)) {
            List<String> alternatives;
            if (segment.matches("\\$\\w+|<[^>]+>|\\{\\{.*}}|\\{[^|}]+}")) {
                alternatives = List.of("{}");
            } else {
                alternatives = List.of(segment.replaceAll("^\\{(.*)}$", "$1").split("\\|"));
            }
            List<String> next = new ArrayList<>();
            for (String prefix : expanded) {
                for (String alternative : alternatives) {
                    next.add(prefix + "/" + alternative);
                }
            }
            expanded = next;
        }
        for (String one : expanded) {
            found.add(new Mentioned(method, one.isEmpty() ? "/" : one, suffixOnly, where));
        }
    }

    private static List<String> segments(String path) {
        return Stream.of(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    // ---- files -------------------------------------------------------------------------------------

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md"))
                    && Files.isDirectory(dir.resolve("platform"))
                    && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root (README.md, platform/, docs/) above "
                + Path.of("").toAbsolutePath());
    }

    private static boolean isMainResource(Path file) {
        return relative(file).matches("[^/]+/src/main/resources/.*");
    }

    private static List<Path> mainJavaSources() {
        return files(p -> relative(p).matches("[^/]+/src/main/java/.*\\.java"));
    }

    private static List<Path> files(java.util.function.Predicate<Path> which) {
        return ALL_FILES.stream().filter(which).toList();
    }

    /** Every file of the work tree, once: build output, Git's folder and the embedded data folder left out. */
    private static final List<Path> ALL_FILES = walk();

    private static List<Path> walk() {
        Set<String> skipped = Set.of("target", ".git", "node_modules", ".lectern-data", ".idea");
        List<Path> all = new ArrayList<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(ROOT)
                                    && skipped.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        all.add(file.toAbsolutePath().normalize());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.sort(null);
        return List.copyOf(all);
    }

    private static List<Path> filesIn(Path dir) {
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path file) {
        return ROOT.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From a heading to the next heading of the same level. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as("README.md has a section '" + heading + "'").isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length() + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }
}
