//! Small closed word classes used as contextual evidence by the name recogniser.
//!
//! These are grammar, not knowledge: titles that introduce a person ("CEO", "Mr."), suffixes and
//! head words that make a capitalised phrase an organisation ("Corp", "University of") or a place
//! ("River", "Gulf of"), nouns that make the preceding name a product ("chips", "models"), and
//! acronyms that look like organisations but are not ("AI", "IPO", "CEO"). Keeping them apart from
//! the rules makes both easier to read and tune.

#[rustfmt::skip]
pub const PERSON_TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "President",
    "Senator", "Sen", "Rep", "Representative", "Congressman", "Congresswoman", "Gov", "Governor",
    "Mayor", "Judge", "Justice", "Minister", "Premier", "Chancellor", "Secretary", "King", "Queen",
    "Prince", "Princess", "Pope", "Father", "Rev", "Reverend", "Rabbi", "Imam", "Sheikh", "General",
    "Gen", "Col", "Colonel", "Capt", "Captain", "Lt", "Sgt", "Sergeant", "Officer", "Detective",
    "Coach", "Chair", "CEO", "CFO", "CTO", "COO", "Chairman", "Chairwoman", "Founder", "Co-founder",
    "Commissioner", "Ambassador", "Attorney", "Speaker", "Chief", "Dean", "Bishop", "Cardinal",
    "Admiral", "Adm", "Gov.", "Sen.", "Rep.", "Mrs.", "Mr.", "Ms.", "Dr.", "Prof.", "Pres",
    "Superintendent", "Inspector", "Agent", "Trooper", "Deputy", "Councilman", "Councilwoman",
    "Councillor", "Alderman", "Sheriff", "Marshal", "Empress", "Emperor", "Duke", "Duchess",
    "Saint", "Prophet", "Uncle", "Aunt", "Grandma", "Grandpa", "Leader", "Cleric", "Sheik",
    "Shaikh", "Ayatollah", "Mullah", "Spokesman", "Spokeswoman", "Lawmaker", "Cllr", "Sultan",
    "Emir", "Miss", "Director", "Commander", "Prosecutor", "Assemblyman", "Assemblywoman",
    "Lieutenant", "Corporal", "Constable", "Treasurer",
];

/// Lowercase role nouns that, right before a capitalised name, make it a person.
#[rustfmt::skip]
pub const ROLE_NOUNS: &[&str] = &[
    "ceo", "cfo", "cto", "coo", "founder", "co-founder", "cofounder", "spokesman", "spokeswoman",
    "spokesperson", "analyst", "actor", "actress", "singer", "rapper", "star", "chairman",
    "chairwoman", "president", "executive", "minister", "coach", "striker", "player", "author",
    "writer", "professor", "reporter", "editor", "lawyer", "attorney", "senator", "governor",
    "director", "economist", "investor", "billionaire", "entrepreneur", "scientist", "researcher",
    "manager", "boss", "chief", "head", "leader", "officer", "pitcher", "quarterback", "husband",
    "wife", "son", "daughter", "brother", "sister", "mother", "father", "friend", "colleague", "mr",
    "mrs", "ms", "dr", "judge", "rep", "sen", "gov", "candidate", "nominee", "photographer",
    "artist", "designer", "model", "comedian", "host", "anchor", "columnist", "correspondent",
];

/// Words after a name that mark it as a person's name.
#[rustfmt::skip]
pub const PERSON_VERBS: &[&str] = &[
    "said", "says", "told", "wrote", "added", "explained", "noted", "argued", "asked", "replied",
    "tweeted", "posted", "claimed", "insisted", "recalled", "admitted", "testified", "who",
];

/// Lowercase words right after a name that mark it as a place ("Aceh province", "Unity state").
#[rustfmt::skip]
pub const PLACE_FOLLOWERS: &[&str] = &[
    "state", "province", "district", "village", "county", "region", "town", "township",
    "governorate", "prefecture", "city", "municipality", "suburb", "neighbourhood", "neighborhood",
    "police", "residents", "townspeople",
];

/// Words right after a name that mark it as an organisation.
#[rustfmt::skip]
pub const ORG_FOLLOWERS: &[&str] = &[
    "CEO", "CFO", "CTO", "COO", "chief", "executives", "executive", "spokesperson", "spokesman",
    "spokeswoman", "shares", "stock", "shareholders", "investors", "employees", "board", "founder",
    "co-founder", "cofounder", "headquarters", "subsidiary", "Inc", "Corp", "Ltd", "LLC", "plc",
    "party", "movement", "militia", "militants", "newspaper", "agency", "airline", "carrier",
    "automaker", "retailer", "conglomerate", "startup", "lab", "brand", "franchise", "broadcaster",
];

#[rustfmt::skip]
pub const ORG_SUFFIXES: &[&str] = &[
    "Inc", "Corp", "Corporation", "Co", "Company", "Ltd", "Limited", "LLC", "LLP", "plc", "PLC",
    "Group", "Holdings", "Bank", "Bancorp", "University", "College", "Institute", "Institution",
    "Association", "Agency", "Ministry", "Department", "Council", "Committee", "Commission",
    "Party", "Foundation", "Fund", "Trust", "Capital", "Partners", "Ventures", "Technologies",
    "Technology", "Systems", "Labs", "Laboratories", "Airlines", "Airways", "Motors",
    "Pharmaceuticals", "Pharma", "Therapeutics", "Electronics", "Industries", "Enterprises",
    "Networks", "Communications", "Media", "Entertainment", "Studios", "Records", "Publishing",
    "Times", "Post", "News", "Journal", "Tribune", "Herald", "Gazette", "Court", "Senate",
    "Assembly", "Congress", "Parliament", "Police", "Army", "Navy", "Club", "FC", "Union",
    "Federation", "Organization", "Organisation", "Society", "League", "Services", "Solutions",
    "Software", "Network", "Church", "School", "Academy", "Hospital", "Clinic", "Museum",
    "Administration", "Authority", "Board", "Bureau", "Exchange", "Securities", "Investments",
    "Insurance", "Brands", "Foods", "Stores", "Semiconductor", "Robotics", "Magazine", "Institutes",
    "Coalition", "Alliance", "Council", "Cooperative", "AG", "SA", "SE", "NV", "GmbH", "Corp.",
    "Inc.", "Co.", "Ltd.", "Team", "Orchestra", "Band", "Guard", "Force", "Forces", "Reserve",
    "Center", "Centre", "Marines", "Corps", "Directorate", "Cabinet", "Secretariat", "Tribunal",
    "Brigade", "Brigades", "Battalion", "Regiment", "Command", "Energy", "Biotech", "Mining",
    "Telecom", "Logistics", "Chemicals", "Semiconductors", "Petroleum", "Oil", "Steel",
    "Aerospace", "Automotive", "Healthcare", "Biosciences", "Resources", "Materials", "Shipping",
    "Railways", "Utilities", "Hotels", "Resorts", "Properties", "Realty", "Financial", "Payments",
    "Wireless", "Broadcasting", "Beverages", "Brewing", "Retail", "Motors", "Power", "Patrol",
    "Conference", "Programme", "Service",
];

#[rustfmt::skip]
pub const PLACE_SUFFIXES: &[&str] = &[
    "City", "County", "Province", "Region", "District", "River", "Lake", "Mountain", "Mountains",
    "Island", "Islands", "Valley", "Bay", "Beach", "Coast", "Sea", "Ocean", "Street", "Avenue",
    "Road", "Boulevard", "Square", "Park", "Bridge", "Airport", "Station", "Canyon", "Desert",
    "Peninsula", "Strait", "Harbor", "Harbour", "Heights", "Hills", "Village", "Township",
    "Highway", "Falls", "Forest", "Springs", "Plaza", "Ave", "Blvd", "Rd", "Territory", "Creek",
    "Gulf", "Canal", "Borough", "Parish", "Prefecture", "Oblast", "Stadium", "Arena", "Mall",
    "Strip", "Keys", "Plains", "Delta", "Basin", "Glacier", "Reef", "Archipelago", "Lagoon",
];

#[rustfmt::skip]
pub const ORG_PREFIXES: &[&str] = &[
    "University", "Bank", "Ministry", "Department", "Institute", "College", "School", "Museum",
    "Council", "Board", "Bureau", "Office", "Court", "Church", "Federation", "Association",
    "Society", "League", "Academy", "Commission", "Committee", "Agency", "Embassy", "Order",
    "Union", "Administration", "Organization", "Organisation", "Federal", "National",
];

#[rustfmt::skip]
pub const PLACE_PREFIXES: &[&str] = &[
    "Republic", "Kingdom", "Gulf", "Lake", "Mount", "Mt", "Cape", "Port", "Fort", "Isle", "Strait",
    "Sea", "Province", "Bay", "Isles", "Islands", "Straits", "Commonwealth", "Sultanate", "Emirate",
    "Principality",
];

/// Nouns that make the name right before them a product ("Trainium chips", "GPT models").
#[rustfmt::skip]
pub const PRODUCT_NOUNS: &[&str] = &[
    "chip", "chips", "model", "models", "smartphone", "smartphones", "phone", "phones", "app",
    "apps", "chatbot", "chatbots", "assistant", "processor", "processors", "GPU", "GPUs", "console",
    "consoles", "device", "devices", "software", "browser", "vaccine", "vaccines", "drug", "tablet",
    "tablets", "laptop", "laptops", "headset", "headsets", "accelerator", "accelerators", "jet",
    "jets", "aircraft", "smartwatch", "sedan", "SUV", "truck", "trucks", "car", "cars", "engine",
    "engines", "rocket", "rockets", "operating", "platform", "series", "subscription",
    "subscribers", "users",
];

/// All-caps or odd-case words that are not names on their own.
#[rustfmt::skip]
pub const NOT_NAMES: &[&str] = &[
    "AI", "IPO", "IPOs", "CEO", "CEOs", "CFO", "CTO", "COO", "CIO", "CMO", "GPU", "GPUs", "CPU",
    "CPUs", "TPU", "TPUs", "AGI", "API", "APIs", "LLM", "LLMs", "ML", "IT", "TV", "PC", "PCs", "OK",
    "AM", "PM", "FAQ", "PDF", "URL", "USB", "DNA", "RNA", "ESG", "GDP", "CPI", "ETF", "ETFs", "EPS",
    "YoY", "QoQ", "VP", "SVP", "EVP", "HR", "PR", "ID", "SUV", "SUVs", "EV", "EVs", "IoT", "VR",
    "AR", "XR", "SaaS", "B2B", "B2C", "R&D", "M&A", "Q&A", "LOL", "OMG", "BTW", "FYI", "ASAP",
    "DIY", "PS", "RSVP", "TBD", "USD", "EUR", "GBP", "JPY", "CNY", "CAD", "AUD", "CHF", "INR", "HQ",
    "NEWS", "UPDATE", "BREAKING", "EXCLUSIVE", "CapEx", "Capex", "AMA", "DM", "RE", "FW", "FWD",
    "MP", "MPs", "Christmas", "Easter", "Thanksgiving", "Halloween", "Ramadan", "Hanukkah",
    "Passover", "Diwali", "Eid", "DVD", "DVDs", "CD", "CDs", "VHS", "LMAO", "ROFL", "DUI", "SEO",
    "LNG", "IRR", "RFP", "MMOG", "MMORPG", "HVAC", "GPS", "WiFi", "FAQs", "NDAs", "LTM", "EBITDA",
    "TTM", "P/E", "YTD", "FY", "PBC", "LLC", "INC", "I", "II", "III", "IV", "ET", "PT", "EST",
    "PST", "GMT", "UTC", "NB", "TL", "DR", "THE", "AND", "OR", "OF", "NOT", "NO", "YES", "WOW",
    "ATM", "SMS", "FX", "OEM", "OEMs", "ROI", "KPI", "KPIs", "NDA", "TBA", "AKA", "aka", "DC", "AC",
    "HD", "UHD", "LED", "LCD", "OLED", "RAM", "SSD", "HDD", "OS", "iOS", "UI", "UX", "SDK", "SQL",
    "HTML", "CSS", "JSON", "XML", "HTTP", "HTTPS", "WWW", "VPN", "P2P", "ICO", "NFT", "NFTs", "DAO",
    "DeFi", "CO2", "PPE", "ICU", "ER", "MBA", "PhD", "BA", "BS", "MS", "MD", "RN", "TD", "TDs",
    "DWI", "MVP", "QB", "RBI", "OT", "KO", "TKO", "I'm", "I've", "I'll", "I'd", "I’m", "I’ve",
    "I’ll", "I’d", "He'll", "She'll", "It'll", "We'll", "They'll", "You'll", "He's", "She's",
    "It's", "He'd", "She'd", "We're", "They're", "You're", "We've", "They've", "You've", "He’ll",
    "She’ll", "It’ll", "We’ll", "They’ll", "You’ll", "He’s", "She’s", "It’s", "He’d", "She’d",
    "We’re", "They’re", "You’re", "We’ve", "They’ve", "You’ve", "Koran", "Quran", "Bible", "Torah", "Talmud", "GHz", "MHz", "KB", "MB", "GB",
    "TB", "EDT", "PDT", "CDT", "MDT", "CST", "MST", "BST", "CET", "Internet", "QWERTY",
    "LTE", "HDMI", "SD", "SDHC", "IP", "Bluetooth", "FireWire", "Wi-Fi", "WiFi", "4G", "5G", "3G",
];

/// Short words that Title Case headlines leave in lower case ("Amazon in Talks to Invest").
#[rustfmt::skip]
pub const TITLE_CASE_MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "vs", "via", "into", "over", "per", "up", "is", "its", "it", "than", "that",
];

/// Abbreviations that keep their dot as part of the word ("Inc.", "Jr.", "St. Louis",
/// "Malibu, Calif."). Months are left out: the date rules read "Jan." themselves.
#[rustfmt::skip]
pub const ABBREVIATIONS: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "Bros", "Jr", "Sr", "St", "Mt", "Ft", "Mr", "Mrs", "Ms", "Dr",
    "Prof", "Gen", "Gov", "Sen", "Rep", "Lt", "Col", "Sgt", "Capt", "Cpl", "Adm", "Rev", "Ave",
    "Blvd", "Rd", "Calif", "Ariz", "Ark", "Colo", "Conn", "Fla", "Ill", "Ind", "Kan", "Ky", "Md",
    "Mass", "Mich", "Minn", "Mont", "Neb", "Nev", "Okla", "Ore", "Penn", "Tenn", "Tex", "Wash",
    "Wis", "Wyo", "Vt", "Va",
];

/// Lowercase words and marks that may join the parts of one name ("Bank of America", "Ludwig
/// van Beethoven", "AT & T"): the tagger looks across them when it decides where to decode.
#[rustfmt::skip]
pub const NAME_CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "on", "upon", "de", "van", "von", "der", "den", "da", "del",
    "della", "di", "du", "la", "le", "bin", "al", "ibn", "dos", "das", "ter", "y", "&", "-", "'",
    "’", ".",
];

/// Words of a match report: with a score on the same line ("beat ... 2-1"), the places named
/// there are teams.
#[rustfmt::skip]
pub const SCORE_WORDS: &[&str] = &[
    "beat", "beats", "beating", "defeat", "defeats", "defeated", "drew", "draw", "draws", "lost",
    "lose", "loses", "won", "win", "wins", "victory", "victories", "loss", "against", "vs", "v",
    "edged", "routed", "thrashed", "downed", "stunned", "hammered", "crushed", "held", "halftime",
    "half-time", "scored", "goals", "goal", "match", "game",
];

/// Closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries): written
/// with a capital only because they open a sentence or a headline, never a name alone. The
/// tagger does not decode a window that is just one of them.
#[rustfmt::skip]
pub const CLOSED_CLASS_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "if", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "is", "are", "was", "were", "be", "it", "its", "this", "that", "these", "those",
    "he", "she", "they", "we", "you", "i", "my", "our", "your", "his", "her", "their", "there",
    "here", "what", "when", "where", "why", "how", "who", "which", "not", "no", "so", "then",
    "also", "after", "before", "while", "although", "because", "since", "about", "into", "over",
    "under", "can", "will", "would", "should", "could", "may", "might", "must", "do", "does",
    "did", "has", "have", "had", "however", "meanwhile", "some", "many", "most", "all", "both",
    "each", "one", "other", "such", "more", "now", "yet", "still", "even", "only", "just", "as",
];

/// Heads of camel-case surnames ("McCain", "LeBron", "DeShawn", "MacArthur").
#[rustfmt::skip]
pub const CAMEL_SURNAME_PREFIXES: &[&str] = &[
    "Mc", "Mac", "De", "Le", "La", "Di", "Du", "Da", "Van", "Von", "Fitz", "O",
];

macro_rules! word_set {
    ($name:ident, $list:ident) => {
        /// Hash-set membership test for the list of the same name.
        pub fn $name(w: &str) -> bool {
            static SET: std::sync::LazyLock<crate::fxhash::FxSet<&'static str>> =
                std::sync::LazyLock::new(|| $list.iter().copied().collect());
            SET.contains(w)
        }
    };
}
word_set!(is_org_suffix, ORG_SUFFIXES);
word_set!(is_person_title, PERSON_TITLES);
word_set!(is_product_noun, PRODUCT_NOUNS);
word_set!(is_abbreviation, ABBREVIATIONS);
word_set!(is_name_connector, NAME_CONNECTORS);
word_set!(is_score_word, SCORE_WORDS);
word_set!(is_closed_class_word, CLOSED_CLASS_WORDS);
word_set!(is_not_a_name, NOT_NAMES);
