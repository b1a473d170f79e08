package dev.monobridge.connector.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plausible names, prices and texts for the demo's rows, drawn from a caller's {@link Random} so that
 * the seed and the load generator stay deterministic for a given seed. Realism matters only as far as
 * it makes the read models in the demo look like something a frontend team would recognise.
 */
final class DemoNames {

    /** Sports, in id order from 1. */
    static final List<String> SPORTS = List.of("Football", "Tennis", "Basketball", "Ice Hockey");

    private static final List<List<String>> PARTICIPANTS = List.of(
            List.of("Arsenal", "Chelsea", "Liverpool", "Everton", "Leeds United", "Aston Villa", "Newcastle",
                    "Brighton", "Fulham", "Brentford", "Wolves", "Burnley", "Sunderland", "Nottingham Forest"),
            List.of("Alcaraz", "Sinner", "Djokovic", "Zverev", "Medvedev", "Rune", "Fritz", "De Minaur",
                    "Draper", "Ruud", "Tsitsipas", "Shelton"),
            List.of("Celtics", "Lakers", "Knicks", "Bulls", "Heat", "Nuggets", "Warriors", "Suns", "Bucks",
                    "Thunder", "Mavericks", "Cavaliers"),
            List.of("Rangers", "Bruins", "Oilers", "Maple Leafs", "Canadiens", "Penguins", "Red Wings",
                    "Panthers", "Avalanche", "Lightning", "Kings", "Stars"));

    private static final List<List<String>> FOOTBALL_MARKETS = List.of(
            List.of("Match Result", "{home}", "Draw", "{away}"),
            List.of("Total Goals", "0-1 Goals", "2-3 Goals", "4-5 Goals", "6+ Goals"),
            List.of("Half Time Result", "{home}", "Draw", "{away}"),
            List.of("Correct Score", "1-0", "2-0", "2-1", "0-0", "1-1", "0-1", "0-2", "1-2", "Any Other"),
            List.of("Double Chance", "{home} or Draw", "{away} or Draw", "{home} or {away}"),
            List.of("Winning Margin", "{home} by 1", "{home} by 2+", "Draw", "{away} by 1", "{away} by 2+"));

    private static final List<List<String>> OTHER_MARKETS = List.of(
            List.of("Match Winner", "{home}", "{away}"),
            List.of("Handicap", "{home} -1.5", "{away} +1.5"),
            List.of("Total Points", "Under", "Middle", "Over"),
            List.of("First Half Winner", "{home}", "Tie", "{away}"),
            List.of("Winning Margin", "{home} by 1-5", "{home} by 6+", "{away} by 1-5", "{away} by 6+"));

    /** Venues with their countries. */
    private static final List<List<String>> VENUES = List.of(
            List.of("Ascot", "GB"), List.of("Cheltenham", "GB"), List.of("Kempton", "GB"),
            List.of("Newmarket", "GB"), List.of("Sandown", "GB"), List.of("York", "GB"),
            List.of("Aintree", "GB"), List.of("Haydock", "GB"), List.of("Wolverhampton", "GB"),
            List.of("Leopardstown", "IE"), List.of("Punchestown", "IE"), List.of("Fairyhouse", "IE"),
            List.of("Longchamp", "FR"), List.of("Chantilly", "FR"), List.of("Deauville", "FR"));

    static final List<String> GOINGS = List.of("Firm", "Good to Firm", "Good", "Good to Soft", "Soft",
            "Heavy", "Standard", "Standard to Slow");

    private static final List<String> RACE_KINDS = List.of("Handicap", "Maiden Stakes", "Novices' Hurdle",
            "Handicap Chase", "Conditions Stakes", "Nursery", "Selling Stakes", "Bumper", "Listed Stakes",
            "Claiming Stakes");

    private static final List<String> SPONSORS = List.of("Racing TV", "Sky Bet", "Coral", "William Hill",
            "BetVictor", "Jockey Club", "Weatherbys", "At The Races", "Unibet", "Paddy Power");

    private static final List<String> HORSE_FIRST = List.of("Silver", "Desert", "Golden", "Midnight", "Royal",
            "Crimson", "Northern", "Wild", "Lucky", "Brave", "Quiet", "Stormy", "Emerald", "Frosty", "Velvet",
            "Iron", "Noble", "Secret", "Dancing", "Copper", "Ocean", "Highland", "Misty", "Rapid");

    private static final List<String> HORSE_SECOND = List.of("Arrow", "Crown", "Legend", "Whisper", "Dancer",
            "Storm", "Spirit", "Harbour", "Echo", "Falcon", "Meadow", "Rebel", "Sovereign", "Comet", "Warrior",
            "Lantern", "Voyage", "Tiger", "Maestro", "Prince", "Duchess", "Rover", "Chance", "Glory");

    private static final List<String> FIRST_NAMES = List.of("Oliver", "Amelia", "George", "Isla", "Harry",
            "Ava", "Jack", "Mia", "Noah", "Grace", "Leo", "Freya", "Oscar", "Lily", "Charlie", "Ella", "Aoife",
            "Sean", "Chloe", "Liam");

    private static final List<String> LAST_NAMES = List.of("Smith", "Jones", "Taylor", "Brown", "Williams",
            "Wilson", "Murphy", "Kelly", "Walsh", "Evans", "Davies", "Thomas", "Roberts", "Byrne", "Clarke",
            "Hughes", "Walker", "Wright");

    private static final List<String> COMMENT_OPENINGS = List.of("Held up in rear", "Led until", "Chased leaders",
            "Prominent", "Tracked leader", "Slowly away", "Midfield", "Raced keenly", "Pressed leader",
            "Towards rear");

    private static final List<String> COMMENT_ENDINGS = List.of("kept on well", "no extra final furlong",
            "weakened", "ran on strongly", "one pace", "hung left", "stayed on", "outpaced", "always holding on",
            "eased when beaten", "bumped at start", "not clear run");

    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000.00");

    private DemoNames() {
    }

    static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Two different participants of a sport (an index into {@link #SPORTS}). */
    static List<String> fixture(Random random, int sport) {
        List<String> participants = PARTICIPANTS.get(sport);
        int home = random.nextInt(participants.size());
        int away = (home + 1 + random.nextInt(participants.size() - 1)) % participants.size();
        return List.of(participants.get(home), participants.get(away));
    }

    static String eventName(List<String> fixture, int sport) {
        String separator = sport == 1 ? " v " : " vs ";
        return fixture.get(0) + separator + fixture.get(1);
    }

    /**
     * A market's name followed by exactly {@code selections} selection names. Templates with fewer outcomes
     * are padded with "Outcome N"; those with more are cut.
     */
    static List<String> market(int sport, int displayOrder, List<String> fixture, int selections) {
        List<List<String>> templates = sport == 0 ? FOOTBALL_MARKETS : OTHER_MARKETS;
        List<String> template = templates.get(displayOrder % templates.size());
        List<String> names = new ArrayList<>(selections + 1);
        String name = template.get(0);
        names.add(displayOrder < templates.size() ? name : name + " " + (displayOrder / templates.size() + 1));
        for (int i = 0; i < selections; i++) {
            names.add(i + 1 < template.size()
                    ? template.get(i + 1).replace("{home}", fixture.get(0)).replace("{away}", fixture.get(1))
                    : "Outcome " + (i + 1));
        }
        return names;
    }

    /** A venue and its country. */
    static List<String> venue(Random random) {
        return venue(random.nextInt(VENUES.size()));
    }

    /** The venue at an index (wrapping around) and its country: for days with no venue twice. */
    static List<String> venue(int index) {
        return VENUES.get(Math.floorMod(index, VENUES.size()));
    }

    static int venueCount() {
        return VENUES.size();
    }

    static String raceName(Random random) {
        return pick(random, SPONSORS) + " " + pick(random, RACE_KINDS);
    }

    /** Flat sprints to staying chases, in metres. */
    static int distanceMetres(Random random) {
        return 1000 + 200 * random.nextInt(30);
    }

    static String horse(Random random) {
        return pick(random, HORSE_FIRST) + " " + pick(random, HORSE_SECOND);
    }

    static String customerName(Random random) {
        return pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
    }

    static String email(String customerName, long id) {
        return customerName.toLowerCase().replace(' ', '.') + id + "@example.com";
    }

    /** Decimal odds between 1.50 and 51.00, skewed to the short end as a race's book is. */
    static BigDecimal runnerPrice(Random random) {
        double u = random.nextDouble();
        return price(1.5 + 49.5 * u * u);
    }

    /** Decimal odds between 1.20 and 15.00. */
    static BigDecimal selectionPrice(Random random) {
        double u = random.nextDouble();
        return price(1.2 + 13.8 * u * u);
    }

    /**
     * A price drifted or shortened by up to about 15%, kept within 1.01 and 1000. The factor is symmetric
     * in log space, so that a long run of moves does not drift every price towards the minimum.
     */
    static BigDecimal movedPrice(Random random, BigDecimal current) {
        double factor = Math.exp(0.3 * random.nextDouble() - 0.15);
        BigDecimal moved = price(Math.min(1000, Math.max(1.01, current.doubleValue() * factor)));
        // A move that rounds back to the same price would be an update that changes nothing.
        if (moved.compareTo(current) != 0) {
            return moved;
        }
        return moved.compareTo(MAX_PRICE) < 0 ? moved.add(TICK) : moved.subtract(TICK);
    }

    static BigDecimal stake(Random random) {
        return BigDecimal.valueOf(100 + random.nextInt(9_900), 2);
    }

    private static BigDecimal price(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    /** A one-line form comment. */
    static String shortNote(Random random) {
        return pick(random, COMMENT_OPENINGS) + ", " + pick(random, COMMENT_ENDINGS) + ".";
    }

    /**
     * A long form guide of at least {@code minChars} characters. It is varied enough (dates, weights,
     * positions) that PostgreSQL's compression does not bring it under the TOAST threshold, so the value
     * is stored out of line and arrives as Debezium's unavailable-value placeholder when a row update
     * leaves it unchanged.
     */
    static String formGuide(Random random, int minChars) {
        StringBuilder text = new StringBuilder(minChars + 200);
        while (text.length() < minChars) {
            text.append(1 + random.nextInt(28)).append('/').append(1 + random.nextInt(12)).append(' ')
                    .append(venue(random).get(0)).append(' ')
                    .append(1000 + 200 * random.nextInt(30)).append("m ")
                    .append(8 + random.nextInt(5)).append('-').append(random.nextInt(14)).append(' ')
                    .append(1 + random.nextInt(14)).append('/').append(2 + random.nextInt(18)).append(": ")
                    .append(pick(random, COMMENT_OPENINGS)).append(", ")
                    .append(pick(random, COMMENT_ENDINGS)).append(", beaten ")
                    .append(random.nextInt(200) / 4.0).append(" lengths, OR ")
                    .append(40 + random.nextInt(100)).append(". ");
        }
        return text.toString();
    }
}
