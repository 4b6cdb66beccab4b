package dev.roster.model;

import java.util.Locale;

/** The group API a bot is managed through (setting {@code api.provider}, per bot {@code api.bots.<id>.provider}). */
public enum Provider {
    /** The v1 group-management API of {@code sinch-whatsapp-group-api.md}. */
    SINCH,
    /** Meta's WhatsApp Cloud API groups ({@code cloud-api-groups.md}). */
    CLOUD;

    /** The spelling in settings and plans: {@code sinch}, {@code cloud}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The provider spelled {@code name} in settings, or null for an unknown name. */
    public static Provider fromSettingName(String name) {
        for (Provider p : values()) {
            if (p.settingName().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
