package dev.lectern.events;

import dev.lectern.events.session.SessionScheduledEvent;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventCatalogueTest {

    @Test
    void everyCataloguedEventHasANameARevisionAndCarriesTenantAndSession() {
        assertThat(EventCatalogue.all()).isNotEmpty();
        EventCatalogue.all().forEach((name, type) -> {
            assertThat(type.getAnnotation(Revision.class)).as(name + " @Revision").isNotNull();
            assertThat(LecternEvent.class.isAssignableFrom(type)).as(name + " is a LecternEvent").isTrue();
            assertThat(type.isRecord()).as(name + " is a record").isTrue();
        });
    }

    @Test
    void namesAreStableAndResolveBothWays() {
        assertThat(EventCatalogue.nameOf(SessionScheduledEvent.class)).contains("session.scheduled");
        assertThat(EventCatalogue.typeOf("session.scheduled")).contains(SessionScheduledEvent.class);
        assertThat(EventCatalogue.nameOf(String.class)).isEmpty();
    }
}
