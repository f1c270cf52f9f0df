package dev.lectern.events.session;

import dev.lectern.events.LecternEvent;

/**
 * An event of the Session aggregate. Its families are sealed per feature ({@link SessionLifecycleEvent},
 * {@link SessionPermissionEvent}, {@code AttendanceEvent}, {@code StudioEvent}, {@code InteractionEvent}),
 * each in its feature's package; the event catalogue lists those roots, and a test checks that every event
 * class is reachable from one of them.
 */
public interface SessionEvent extends LecternEvent {}
