package dev.lectern.events.attendance;

import dev.lectern.events.session.MediaGrants;

/** What the Session aggregate decided for a join: the class role, the media grants, the room (null when media is off). */
public record JoinResult(String classRole, MediaGrants grants, String mediaRoom, boolean alreadyJoined) {}
