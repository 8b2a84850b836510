package dev.vigil.scraper.discovery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Keeps every list of groups a discoverer sent. */
public final class RecordingListener implements Consumer<List<TargetGroup>> {
    private final List<List<TargetGroup>> updates = new CopyOnWriteArrayList<>();

    @Override
    public void accept(List<TargetGroup> groups) {
        updates.add(groups);
    }

    public List<List<TargetGroup>> updates() {
        return updates;
    }

    public List<TargetGroup> last() {
        return updates.isEmpty() ? null : updates.get(updates.size() - 1);
    }
}
