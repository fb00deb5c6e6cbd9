/**
 * The demo firm's vocabulary: segments and how their clients are named, what those clients
 * want, what people's lives hold, and how a service firm writes about its touches. Curated
 * rather than lorem ipsum, so a screen of demo data reads like a real book of business.
 * `{name}`-style slots are filled by demo.text.ts.
 */

export type Segment = {
  name: string;
  /** Patterns for client names: {last} a surname, {city} a city, {noun} a word. */
  names: readonly string[];
  topics: readonly string[];
  needs: readonly { kind: "goal" | "challenge" | "need"; title: string }[];
};

export const segments: readonly Segment[] = [
  {
    name: "Banking",
    names: ["{last} Bank", "{city} Savings", "{last} Private Bank", "{city} Credit Union"],
    topics: ["the branch network", "the payments platform", "the DORA audit", "mobile banking"],
    needs: [
      { kind: "goal", title: "Pass the operational resilience audit without findings" },
      { kind: "challenge", title: "Legacy core banking system slows every change" },
      { kind: "need", title: "24x7 monitoring of the payments platform" },
    ],
  },
  {
    name: "Insurance",
    names: ["{last} Insurance", "{city} Mutual", "{last} Assurance Group"],
    topics: ["claims processing", "the broker portal", "the renewal season"],
    needs: [
      { kind: "goal", title: "Cut claims processing time by a third" },
      { kind: "challenge", title: "Broker portal outages during renewal season" },
      { kind: "need", title: "A single service desk for all subsidiaries" },
    ],
  },
  {
    name: "Retail",
    names: ["{last} & Co", "{city} Outfitters", "{last} Home", "{noun} Market"],
    topics: ["the store rollout", "the checkout systems", "the peak season"],
    needs: [
      { kind: "goal", title: "Open twelve new stores by next summer" },
      { kind: "challenge", title: "Checkout outages at weekends" },
      { kind: "need", title: "Weekend cover for the store systems" },
    ],
  },
  {
    name: "Healthcare",
    names: ["{city} Health", "{last} Clinics", "{city} Medical Group", "{last} Care"],
    topics: ["the patient portal", "the clinic rollout", "data protection"],
    needs: [
      { kind: "goal", title: "Move every clinic onto the new patient records system" },
      { kind: "challenge", title: "Staff shortages in the IT team" },
      { kind: "need", title: "Secure remote access for visiting consultants" },
    ],
  },
  {
    name: "Logistics",
    names: ["{last} Freight", "{city} Logistics", "{last} Transport", "{noun} Shipping"],
    topics: ["the warehouse systems", "the fleet tracking", "the depot move"],
    needs: [
      { kind: "goal", title: "Real-time tracking for the whole fleet" },
      { kind: "challenge", title: "Warehouse scanners fail on the night shift" },
      { kind: "need", title: "On-site support at the new depot" },
    ],
  },
  {
    name: "Public sector",
    names: ["City of {city}", "{city} County Council", "{city} Water Authority"],
    topics: ["the procurement framework", "the citizen portal", "the budget round"],
    needs: [
      { kind: "goal", title: "Put every permit application online" },
      { kind: "challenge", title: "Budget cut of ten percent this year" },
      { kind: "need", title: "Accessibility review of the citizen portal" },
    ],
  },
  {
    name: "Manufacturing",
    names: ["{last} Industries", "{last} Engineering", "{city} Components", "{noun} Works"],
    topics: ["the factory network", "the ERP upgrade", "shop-floor tablets"],
    needs: [
      { kind: "goal", title: "Connect both plants to one ERP" },
      { kind: "challenge", title: "Unplanned downtime on line three" },
      { kind: "need", title: "Patching without stopping production" },
    ],
  },
  {
    name: "Legal",
    names: ["{last} & Partners", "{last} LLP", "{last} Law"],
    topics: ["the document management system", "client confidentiality", "the office move"],
    needs: [
      { kind: "goal", title: "Paperless by the end of the year" },
      { kind: "challenge", title: "Partners resist the new document system" },
      { kind: "need", title: "Encrypted email for client matters" },
    ],
  },
];

/** The segments the firm means to grow in (Settings → Workspace, core markets). */
export const coreSegmentNames = ["Banking", "Insurance", "Healthcare", "Logistics"] as const;

/** Places and words for client names (faker's invented cities read as made up). */
export const cities = [
  "Bristol",
  "Leeds",
  "Utrecht",
  "Ghent",
  "Aarhus",
  "Portland",
  "Denver",
  "Austin",
  "Halifax",
  "Dublin",
  "Cork",
  "Lyon",
  "Porto",
  "Malmo",
  "Bergen",
  "Tampere",
  "Graz",
  "Basel",
  "Bilbao",
  "Turin",
  "Brighton",
  "York",
  "Exeter",
  "Norwich",
  "Galway",
  "Salem",
  "Boulder",
  "Madison",
  "Savannah",
  "Tacoma",
  "Richmond",
  "Hartford",
  "Wellington",
  "Hobart",
  "Geelong",
  "Kingston",
] as const;
export const nameWords = [
  "Summit",
  "Harbor",
  "Meridian",
  "Northstar",
  "Beacon",
  "Evergreen",
  "Keystone",
  "Bluewater",
  "Ironwood",
  "Silverline",
  "Riverside",
  "Oakfield",
  "Greenway",
  "Highland",
  "Lakeside",
  "Crescent",
] as const;
/** Added when a name is taken: "Bristol Logistics Group". */
export const nameQualifiers = [
  "Group",
  "Holdings",
  "International",
  "Services",
  "Northern",
  "& Sons",
] as const;

export const firmSuffixes = ["Advisory", "Partners", "Consulting", "Managed Services"] as const;

export const genericNeeds: readonly { kind: "goal" | "challenge" | "need"; title: string }[] = [
  { kind: "goal", title: "Fewer, better suppliers by next year" },
  { kind: "challenge", title: "Key people leaving the IT team" },
  { kind: "need", title: "Monthly service report the board can read" },
  { kind: "need", title: "Faster answers on urgent tickets" },
  { kind: "goal", title: "Move the remaining servers to the cloud" },
  { kind: "challenge", title: "Security questionnaire from their largest customer" },
];

export const titles = {
  executive: [
    "Chief Executive Officer",
    "Chief Financial Officer",
    "Chief Operating Officer",
    "Managing Director",
    "Chief Information Officer",
  ],
  management: [
    "Head of IT",
    "Operations Director",
    "Procurement Manager",
    "Finance Manager",
    "Head of Digital",
    "Service Delivery Manager",
  ],
  operational: [
    "IT Coordinator",
    "Systems Engineer",
    "Office Manager",
    "Service Desk Lead",
    "Business Analyst",
    "Facilities Coordinator",
  ],
} as const;

export const interests = [
  "sailing",
  "jazz",
  "marathon running",
  "golf",
  "wine",
  "photography",
  "chess",
  "gardening",
  "cycling",
  "football",
  "cooking",
  "hiking",
  "theatre",
  "birdwatching",
  "tennis",
  "history books",
  "skiing",
  "vintage cars",
  "yoga",
  "board games",
  "opera",
  "fly fishing",
] as const;

export const familyRelations = ["partner", "daughter", "son", "wife", "husband"] as const;

export const familyNotes = [
  "Starts university in the autumn",
  "Plays in the school orchestra",
  "Runs a bakery in town",
  "Just learned to ride a bike",
  "Training for the national swimming finals",
] as const;

export const howWeMet = [
  "Met at the {segment} Technology Summit; talked about {topic} over lunch.",
  "Introduced by their previous IT manager when the old supplier left.",
  "Came to our breakfast briefing on security and stayed for an hour.",
  "Answered our tender for {topic}; we won it in the second round.",
  "Referred by another client who sits on the same industry board.",
] as const;

export const contactNotes = [
  "Prefers short agendas sent the day before.",
  "Never call before 9:30; mornings are for the board.",
  "Coffee: flat white, no sugar.",
  "Mind the lunch order: allergic to nuts.",
  "Likes numbers first, story second.",
  "Reads everything on the phone: keep emails short.",
  "Takes August off every year.",
] as const;

export const customDates = [
  "Joined the board",
  "Company anniversary",
  "Runs the city marathon",
] as const;

export const tags = ["renewal-due", "multi-site", "regulated", "reference", "cloud"] as const;

export const backgrounds = [
  "{segment} client with {size} staff; we took over their service desk from a larger supplier.",
  "Family-owned, {size} staff across several sites; loyal but careful with money.",
  "Grew fast after a merger; {size} staff and two of everything still to consolidate.",
] as const;

export const aspirations = [
  "Wants {topic} to just work so the team can focus on growth.",
  "Aims to double in size within three years and needs IT that scales.",
  "Wants one partner for everything instead of five suppliers.",
] as const;

export const milestones = [
  "Signed the service agreement",
  "Renewed for three years",
  "First joint roadmap workshop",
] as const;
export const milestone24x7 = "Went live with 24x7 cover";

/**
 * Summaries by tone. Positive and negative ones carry several charged words on purpose: the
 * tone scorer (AFINN comparative, ±0.1 thresholds) must read them the way a person would.
 */
export const summaries = {
  positive: [
    "Great review with {contact}: they are pleased with the faster turnaround on {topic} and want to extend the service.",
    "{contact} thanked the team for the excellent work on {topic}; happy with the progress and keen to plan the next phase.",
    "Very good session on {topic}. {contact} was impressed with the report and praised the engineers.",
    "{contact} is delighted with how {topic} went; wants us to present the results to their board.",
    "Warm catch-up with {contact}. Good progress on {topic}; they love the new monthly report.",
  ],
  neutral: [
    "Went through {topic} with {contact}. Agreed to send the revised plan by {weekday}.",
    "Call with {contact} about {topic}; open tickets reviewed, next review booked.",
    "{contact} asked for an update on {topic}. Sent the timeline and the cost estimate.",
    "Monthly check-in with {contact}: {topic} on track, two small items to follow up.",
    "Discussed the budget for {topic} with {contact}; they will confirm after their planning round.",
  ],
  negative: [
    "{contact} is frustrated: repeated delays on {topic} and escalations went unanswered. Unhappy with our response times.",
    "Difficult call. {contact} complained about the outage on {topic} and said the problems keep coming back.",
    "{contact} is disappointed with the service; worried about {topic} and questions whether we are the right partner.",
    "Tense meeting about {topic}. {contact} said our reporting is poor and the missed deadlines are unacceptable.",
    "{contact} angry about another failed change on {topic}; threatened to review the contract.",
  ],
} as const;

/** Planned touches carry their agenda as the summary. */
export const agendas = [
  "Quarterly review: service report, {topic}, renewal",
  "Walk-through of the plan for {topic}",
  "Introduce the new service manager; open questions on {topic}",
  "Roadmap workshop: next year's priorities",
] as const;

export const decisions = [
  "Go ahead with phase two of {topic}.",
  "Keep the current scope; revisit in the next quarter.",
  "Move the review to a monthly rhythm.",
] as const;

export const nextSteps = [
  "Send the revised plan for {topic} to {contact}",
  "Book a workshop with their operations team",
  "Share the incident report and the fix",
  "Prepare the renewal proposal",
] as const;

export const departureNote =
  "{contact} told us they are leaving {account} at the end of the month. No successor named yet; worried about continuity on {topic}.";

export const comments = {
  positive: [
    "Always responsive and they really understand our business.",
    "Excellent support this quarter, thank you.",
    "Great team, happy to recommend them.",
    "Reliable and friendly. The monthly report is very useful.",
  ],
  neutral: [
    "Fine overall; the reporting could be clearer.",
    "Does the job. Invoices could be simpler.",
    "OK, though we would like more proactive advice.",
  ],
  negative: [
    "Response times have slipped badly and nobody calls back.",
    "Disappointed. Too many problems and the same failures keep coming back.",
    "Poor communication during the last outage; we are unhappy.",
    "Frustrated with the delays; we are reviewing our options.",
  ],
} as const;

export const taskTitles = [
  "Send the renewal proposal to {contact}",
  "Book the quarterly review with {contact}",
  "Share the incident report on {topic}",
  "Prepare the service report for {account}",
  "Follow up on the open questions about {topic}",
  "Introduce {contact} to our security lead",
] as const;

export const cancelReasons = [
  "Client asked to move it; rebooking next week.",
  "{contact} was ill; will reschedule.",
  "Clashed with their board meeting.",
] as const;

export const rescheduleReasons = [
  "Their board meeting moved",
  "Our engineer is on site elsewhere",
] as const;

export const csatAbout = [
  "the migration of {topic}",
  "the last support ticket",
  "the on-site visit",
] as const;
