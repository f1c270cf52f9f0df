package dev.lectern.platform.security;

import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Local development data (profile {@code local} only): two schools, {@code north-high} and
 * {@code south-high}, each with one user per role, subject {@code <role>@<tenant>} (e.g.
 * {@code teacher@north-high}), {@code nobody@<tenant>} who has no role, and a class of
 * {@value #STUDENTS} more students, {@code student1@<tenant>} to {@code student30@<tenant>}, enough for a
 * real poll. Everyone has a real-looking name ("Ada Teacher") and an e-mail at {@code <tenant>.example.edu};
 * the development issuer puts both into their tokens (docs/adr/0027).
 */
@Component
@Profile("local")
class DevSeed implements ApplicationRunner {

    static final Map<String, String> TENANTS =
            Map.of("north-high", "North High School", "south-high", "South High School");

    static final int STUDENTS = 30;

    /** First names per role, per school: "Ada Teacher" teaches at north-high, "Mary Teacher" at south-high. */
    private static final Map<Role, List<String>> FIRST_NAMES = Map.of(
            Role.ADMIN, List.of("Grace", "Margaret"),
            Role.TEACHER, List.of("Ada", "Mary"),
            Role.ASSISTANT, List.of("Alan", "Charles"),
            Role.STUDENT, List.of("Sam", "Sofia"),
            Role.PUBLIC_VIEWER, List.of("Pat", "Robin"),
            Role.AUDITOR, List.of("Ida", "Hedy"));

    private static final List<String> STUDENT_NAMES = List.of(
            "Amara Okafor",
            "Ben Carter",
            "Chloe Nguyen",
            "Diego Ramos",
            "Elif Yilmaz",
            "Finn Murphy",
            "Grace Kim",
            "Hugo Laurent",
            "Isla Campbell",
            "Jonas Weber",
            "Kaia Larsen",
            "Liam O'Brien",
            "Maya Patel",
            "Noah Fischer",
            "Olivia Rossi",
            "Pablo Garcia",
            "Quinn Taylor",
            "Rosa Lopez",
            "Sami Haddad",
            "Tara Singh",
            "Uma Novak",
            "Victor Silva",
            "Wen Li",
            "Ximena Cruz",
            "Yusuf Demir",
            "Zoe Martin",
            "Arjun Mehta",
            "Bea Costa",
            "Cyrus Farahani",
            "Dana Levi");

    private final TenantDirectory directory;

    DevSeed(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) {
        TENANTS.forEach((id, name) -> {
            TenantId tenant = new TenantId(id);
            int school = id.equals("north-high") ? 0 : 1;
            directory.ensureTenant(tenant, name);
            for (Role role : Role.values()) {
                directory.ensureSeededUser(
                        tenant,
                        role.value() + "@" + id,
                        FIRST_NAMES.get(role).get(school) + " " + title(role),
                        role.value().replace('_', '.') + "@" + id + ".example.edu",
                        role);
            }
            directory.ensureSeededUser(tenant, "nobody@" + id, "Noor Nobody", "nobody@" + id + ".example.edu", null);
            for (int i = 1; i <= STUDENTS; i++) {
                directory.ensureSeededUser(
                        tenant,
                        "student" + i + "@" + id,
                        STUDENT_NAMES.get(i - 1),
                        "student" + i + "@" + id + ".example.edu",
                        Role.STUDENT);
            }
        });
    }

    private static String title(Role role) {
        return switch (role) {
            case ADMIN -> "Admin";
            case TEACHER -> "Teacher";
            case ASSISTANT -> "Assistant";
            case STUDENT -> "Student";
            case PUBLIC_VIEWER -> "Viewer";
            case AUDITOR -> "Auditor";
        };
    }
}
