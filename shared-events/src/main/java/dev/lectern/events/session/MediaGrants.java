package dev.lectern.events.session;

/** What a participant may do in the media room; minted into their join token, never chosen by the client. */
public record MediaGrants(boolean subscribe, boolean publish, boolean publishData, boolean roomAdmin, boolean hidden) {}
