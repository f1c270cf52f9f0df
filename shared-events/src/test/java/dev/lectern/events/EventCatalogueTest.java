package dev.lectern.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.session.SessionScheduledEvent;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

class EventCatalogueTest {

    @Test
    void everyCataloguedEventHasANameARevisionAndCarriesTenantAndSession() {
        assertThat(EventCatalogue.all()).isNotEmpty();
        EventCatalogue.all().forEach((name, type) -> {
            assertThat(type.getAnnotation(Revision.class))
                    .as(name + " @Revision")
                    .isNotNull();
            assertThat(LecternEvent.class.isAssignableFrom(type))
                    .as(name + " is a LecternEvent")
                    .isTrue();
            assertThat(type.isRecord()).as(name + " is a record").isTrue();
        });
    }

    @Test
    void namesAreStableAndResolveBothWays() {
        assertThat(EventCatalogue.nameOf(SessionScheduledEvent.class)).contains("session.scheduled");
        assertThat(EventCatalogue.typeOf("session.scheduled")).contains(SessionScheduledEvent.class);
        assertThat(EventCatalogue.nameOf(String.class)).isEmpty();
    }

    @Test
    void everyEventClassInSharedEventsIsReachableFromACatalogueRoot() throws IOException, URISyntaxException {
        Path classes = Path.of(LecternEvent.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> events;
        try (Stream<Path> files = Files.walk(classes)) {
            events = files.filter(f -> f.toString().endsWith(".class")
                            && !f.getFileName().toString().contains("$"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(EventCatalogueTest::load)
                    .filter(type -> LecternEvent.class.isAssignableFrom(type)
                            && !type.isInterface()
                            && !Modifier.isAbstract(type.getModifiers()))
                    .toList();
        }
        assertThat(events).hasSizeGreaterThan(30);
        events.forEach(type -> assertThat(EventCatalogue.nameOf(type))
                .as(type.getName() + " is catalogued")
                .isPresent());
    }

    @Test
    void aStoredTypeNameOfAClassThatMovedPackagesFindsTheClassBySimpleName() {
        assertThat(EventCatalogue.movedType("dev.lectern.events.session.ChatMessagePostedEvent"))
                .contains(ChatMessagePostedEvent.class);
        assertThat(EventCatalogue.movedType("dev.lectern.events.session.NoSuchEvent"))
                .isEmpty();
        assertThat(EventCatalogue.movedType("org.example.ChatMessagePostedEvent"))
                .isEmpty();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EventCatalogueTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
