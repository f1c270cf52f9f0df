package dev.lectern.command.studio;

/**
 * Bounds on an uploaded deck (docs/studio.md): file size, pages, and the rendered image size; the
 * largest deck renders in seconds and a page image stays well under a megabyte.
 */
record DeckLimits(long maxBytes, int maxPages, int maxPageWidth, int maxPageHeight, int maxTitleLength) {

    static final int MAX_PAGES = 200;

    static final DeckLimits DEFAULT = new DeckLimits(25L * 1024 * 1024, MAX_PAGES, 1280, 1920, 120);
}
