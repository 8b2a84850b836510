package dev.vigil.alerting.notify;

import dev.vigil.alerting.template.GoTime;
import dev.vigil.alerting.template.KeyValues;
import dev.vigil.alerting.template.TemplateObject;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dot of a notification template, shaped like Alertmanager's template data: {@code .Receiver}, {@code .Status}
 * ({@code firing} while any alert fires), {@code .Alerts} (with {@code .Firing} and {@code .Resolved}),
 * {@code .GroupLabels}, {@code .CommonLabels}, {@code .CommonAnnotations} and {@code .ExternalURL}. Each alert has
 * {@code .Status}, {@code .Labels}, {@code .Annotations}, {@code .StartsAt}, {@code .EndsAt} (Go's zero time while
 * firing), {@code .GeneratorURL} and {@code .Fingerprint}. Immutable.
 */
public final class NotificationData implements TemplateObject {
    private final String receiver;
    private final String status;
    private final AlertList alerts;
    private final KeyValues groupLabels;
    private final KeyValues commonLabels;
    private final KeyValues commonAnnotations;
    private final String externalURL;

    private NotificationData(
            String receiver,
            String status,
            AlertList alerts,
            KeyValues groupLabels,
            KeyValues commonLabels,
            KeyValues commonAnnotations,
            String externalURL) {
        this.receiver = receiver;
        this.status = status;
        this.alerts = alerts;
        this.groupLabels = groupLabels;
        this.commonLabels = commonLabels;
        this.commonAnnotations = commonAnnotations;
        this.externalURL = externalURL;
    }

    /** The data for notifying {@code alerts} of a group as seen at {@code context.now()}. */
    public static NotificationData of(NotificationContext context, List<Alert> alerts) {
        List<AlertData> items = new ArrayList<>();
        boolean anyFiring = false;
        for (Alert a : alerts) {
            boolean resolved = a.isResolvedAt(context.now());
            anyFiring |= !resolved;
            items.add(new AlertData(
                    resolved ? "resolved" : "firing",
                    KeyValues.of(a.labels()),
                    KeyValues.of(a.annotations()),
                    GoTime.of(a.startsAt()),
                    resolved ? GoTime.of(a.endsAt().orElseThrow()) : GoTime.ZERO,
                    a.generatorURL(),
                    a.fingerprintHex()));
        }
        return new NotificationData(
                quoteMeta(context.receiver()),
                anyFiring ? "firing" : "resolved",
                new AlertList(items),
                KeyValues.of(context.groupLabels()),
                common(alerts.stream().map(a -> a.labels().toMap()).toList()),
                common(alerts.stream().map(Alert::annotations).toList()),
                context.externalURL());
    }

    public String status() {
        return status;
    }

    public AlertList alerts() {
        return alerts;
    }

    public KeyValues groupLabels() {
        return groupLabels;
    }

    public KeyValues commonLabels() {
        return commonLabels;
    }

    public KeyValues commonAnnotations() {
        return commonAnnotations;
    }

    private static KeyValues common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return KeyValues.EMPTY;
        }
        Map<String, String> common = new HashMap<>(maps.get(0));
        for (Map<String, String> m : maps.subList(1, maps.size())) {
            common.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return KeyValues.of(common);
    }

    /** Alertmanager passes the receiver name through regexp.QuoteMeta; links built from it rely on that. */
    private static String quoteMeta(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public boolean hasMember(String name) {
        return switch (name) {
            case "Receiver", "Status", "Alerts", "GroupLabels", "CommonLabels", "CommonAnnotations", "ExternalURL" ->
                true;
            default -> false;
        };
    }

    @Override
    public Object member(String name, List<Object> args) {
        return switch (name) {
            case "Receiver" -> receiver;
            case "Status" -> status;
            case "Alerts" -> alerts;
            case "GroupLabels" -> groupLabels;
            case "CommonLabels" -> commonLabels;
            case "CommonAnnotations" -> commonAnnotations;
            default -> externalURL;
        };
    }

    @Override
    public String typeName() {
        return "*template.Data";
    }

    /** One alert as templates see it. */
    public record AlertData(
            String status,
            KeyValues labels,
            KeyValues annotations,
            GoTime startsAt,
            GoTime endsAt,
            String generatorURL,
            String fingerprint)
            implements TemplateObject {
        @Override
        public boolean hasMember(String name) {
            return switch (name) {
                case "Status", "Labels", "Annotations", "StartsAt", "EndsAt", "GeneratorURL", "Fingerprint" -> true;
                default -> false;
            };
        }

        @Override
        public Object member(String name, List<Object> args) {
            return switch (name) {
                case "Status" -> status;
                case "Labels" -> labels;
                case "Annotations" -> annotations;
                case "StartsAt" -> startsAt;
                case "EndsAt" -> endsAt;
                case "GeneratorURL" -> generatorURL;
                default -> fingerprint;
            };
        }

        @Override
        public String typeName() {
            return "template.Alert";
        }
    }

    /** The alert list, which templates can also ask for {@code .Firing} and {@code .Resolved}. */
    public static final class AlertList extends AbstractList<AlertData> implements TemplateObject {
        private final List<AlertData> items;

        AlertList(List<AlertData> items) {
            this.items = List.copyOf(items);
        }

        @Override
        public AlertData get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }

        public AlertList firing() {
            return new AlertList(
                    items.stream().filter(a -> a.status.equals("firing")).toList());
        }

        public AlertList resolved() {
            return new AlertList(
                    items.stream().filter(a -> a.status.equals("resolved")).toList());
        }

        @Override
        public boolean hasMember(String name) {
            return name.equals("Firing") || name.equals("Resolved");
        }

        @Override
        public Object member(String name, List<Object> args) {
            return name.equals("Firing") ? firing() : resolved();
        }

        @Override
        public String typeName() {
            return "template.Alerts";
        }
    }
}
