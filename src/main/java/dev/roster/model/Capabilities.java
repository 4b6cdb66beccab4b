package dev.roster.model;

/**
 * What a provider can and cannot do with groups. The loader validates declared groups against the capabilities of
 * their bot's provider, the planner plans only what they allow, and the applier calls only what they offer, so
 * that no part asks which provider it is talking to.
 *
 * @param provider              whose capabilities these are (for messages only)
 * @param maxParticipants       most declared participants a group may have (the bot not counted); 0: no limit
 * @param subjectMaxLength      longest subject, in characters (code points)
 * @param descriptionMaxLength  longest description; 0 when groups have no description roster can set
 * @param admins                admins other than the bot can be promoted and demoted
 * @param joinApproval          groups can require approval to join, and join requests can be approved or rejected
 * @param leave                 the bot can leave a group (the group goes on without it)
 * @param delete                the bot can delete a group (which removes everyone)
 * @param removalBarsRejoin     a removed person can never join again by link, so no invite rotation is needed
 * @param asyncCreate           a create answers before the group exists; the group appears later
 * @param botIdIsNumber         a bot id is the bot's own phone number (else an opaque account id)
 * @param sendInvites           roster can send the invite link to a person as a message
 */
public record Capabilities(
        Provider provider,
        int maxParticipants,
        int subjectMaxLength,
        int descriptionMaxLength,
        boolean admins,
        boolean joinApproval,
        boolean leave,
        boolean delete,
        boolean removalBarsRejoin,
        boolean asyncCreate,
        boolean botIdIsNumber,
        boolean sendInvites) {

    /** The Cloud API's longest subject. */
    public static final int CLOUD_SUBJECT_MAX_LENGTH = 128;
    /** The Cloud API's longest description. */
    public static final int CLOUD_DESCRIPTION_MAX_LENGTH = 2048;
    /** The Cloud API's documented participant limit. */
    public static final int CLOUD_MAX_PARTICIPANTS = 8;

    public Capabilities {
        if (provider == null) {
            throw new IllegalArgumentException("provider");
        }
        if (maxParticipants < 0 || subjectMaxLength < 1 || descriptionMaxLength < 0) {
            throw new IllegalArgumentException("negative limit");
        }
    }

    /** The v1 API: admins, leave, invite rotation; subjects up to {@code subjectMaxLength}. */
    public static Capabilities sinch(int subjectMaxLength) {
        return new Capabilities(Provider.SINCH, 0, subjectMaxLength, 0, true, false, true, false, false, false, true,
                false);
    }

    /** The Cloud API: at most {@code maxParticipants}, no admins, no leave, removals bar rejoining. */
    public static Capabilities cloud(int maxParticipants) {
        return new Capabilities(Provider.CLOUD, maxParticipants, CLOUD_SUBJECT_MAX_LENGTH,
                CLOUD_DESCRIPTION_MAX_LENGTH, false, true, false, true, true, true, false, true);
    }

    /** The bot's own number when its id is one (and this provider says so), else null. */
    public Msisdn botNumber(BotId bot) {
        if (!botIdIsNumber) {
            return null;
        }
        try {
            return Msisdn.parse(bot.value());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
