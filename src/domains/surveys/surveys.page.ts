/**
 * The public answer page, as plain HTML: no JavaScript (the CSP forbids inline scripts and a
 * client needs none to answer), a `<form method="post">`, native radios with real labels,
 * inline CSS only (allowed by the CSP's style-src). In the workspace's name, never Rapport's.
 */
import type { FieldError } from "../../platform/http/errors";
import type { LinkState, SurveyLink } from "./surveys.answers";
import { MAX_ANSWER_TEXT } from "./surveys.inputs";

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f3f4f6}
main{max-width:40rem;margin:2rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
@media (max-width:40rem){main{margin:0;border-radius:0;padding:1.25rem}}
.from{margin:0 0 .25rem;font-weight:600;color:#4a5260;letter-spacing:.02em}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 1rem}
h2{font-size:1.1rem;margin:0 0 .5rem}
p{margin:0 0 1rem}
.about{padding:.6rem .9rem;background:#eef3fb;border-left:4px solid #1c5fb8;border-radius:4px}
fieldset{border:0;padding:0;margin:0 0 1.5rem;min-width:0}
legend{font-weight:600;font-size:1.1rem;margin-bottom:.5rem;padding:0}
.hint{color:#4a5260;font-size:.95rem;margin:.25rem 0 .5rem}
.options{display:grid;gap:.35rem}
.options-11{grid-template-columns:repeat(11,minmax(0,1fr))}
.options-5{grid-template-columns:repeat(5,minmax(0,1fr))}
.options label{display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:2.9rem;padding:.35rem .1rem;border:2px solid #8a93a1;border-radius:8px;cursor:pointer;font-weight:600;text-align:center;background:#fff}
.options label small{font-weight:400;font-size:.75rem;line-height:1.2;margin-top:.15rem}
.options input{position:absolute;opacity:0;width:1px;height:1px}
.options label:hover{border-color:#1c5fb8;background:#eef3fb}
.options label:has(input:checked){background:#1c5fb8;border-color:#1c5fb8;color:#fff}
.options label:has(input:focus-visible){outline:3px solid #1b1f24;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.9rem;color:#4a5260;margin-top:.35rem}
@media (max-width:34rem){.options-11{grid-template-columns:repeat(6,minmax(0,1fr))}.ends{display:none}}
label.text{display:block;font-weight:600;margin-bottom:.35rem}
textarea{display:block;width:100%;min-height:7rem;padding:.6rem;font:inherit;border:2px solid #8a93a1;border-radius:8px;margin-bottom:1.25rem}
textarea:focus-visible{outline:3px solid #1b1f24;outline-offset:2px;border-color:#1c5fb8}
button{font:inherit;font-weight:600;color:#fff;background:#1c5fb8;border:0;border-radius:8px;padding:.75rem 1.5rem;cursor:pointer}
button:hover{background:#174d96}
button:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}
.errors{border:2px solid #b3261e;border-radius:8px;padding:.75rem 1rem;margin-bottom:1.25rem;background:#fdf1f0}
.errors ul{margin:0;padding-left:1.25rem}
.errors a,.error{color:#a1221b;font-weight:600}
.notice{padding:.6rem .9rem;background:#f1f6ee;border-left:4px solid #2f7a34;border-radius:4px}
.summary{margin:0 0 1rem;padding:0}
.summary dt{font-weight:600}
.summary dd{margin:0 0 .75rem;white-space:pre-wrap}
a{color:#1c5fb8}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

function layout(title: string, from: string | null, body: string): string {
  const fullTitle = from ? `${title} · ${from}` : title;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(fullTitle)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${from ? `<p class="from">${esc(from)}</p>` : ""}
${body}
</main>
</body>
</html>`;
}

/** What was typed, echoed back into the form after a refusal or for a change. */
export type AnswerValues = { score: number | null; comment: string; responses: string[] };

const CSAT_WORDS = ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"];

function scale(link: SurveyLink, values: AnswerValues, error: string | undefined): string {
  const kind = link.request.kind;
  const nps = kind === "nps";
  const numbers = nps ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5];
  const required = kind !== "check_in";
  const describedBy = ["score-hint", error ? "score-error" : ""].filter(Boolean).join(" ");
  const legend =
    kind === "check_in"
      ? `${esc(link.question)} <span class="hint">(optional)</span>`
      : esc(link.question);
  const options = numbers
    .map((n, i) => {
      const checked = values.score === n ? " checked" : "";
      const word = nps
        ? n === 0
          ? '<span class="sr"> Not at all likely</span>'
          : n === 10
            ? '<span class="sr"> Extremely likely</span>'
            : ""
        : `<small>${CSAT_WORDS[n - 1]}</small>`;
      const req = required && i === 0 ? " required" : "";
      return `<label><input type="radio" name="score" value="${n}" id="score-${n}"${checked}${req}>${n}${word}</label>`;
    })
    .join("");
  const hint = nps
    ? "0 means not at all likely, 10 means extremely likely."
    : "1 means very dissatisfied, 5 means very satisfied.";
  return `<fieldset aria-describedby="${describedBy}"${error ? ' aria-invalid="true"' : ""}>
<legend id="score">${legend}</legend>
<p class="hint" id="score-hint">${hint}</p>
${error ? `<p class="error" id="score-error">${esc(error)}</p>` : ""}
<div class="options options-${numbers.length}">${options}</div>
${nps ? '<div class="ends" aria-hidden="true"><span>Not at all likely</span><span>Extremely likely</span></div>' : ""}
</fieldset>`;
}

function textArea(id: string, name: string, label: string, value: string, error?: string): string {
  return `<label class="text" for="${id}">${esc(label)}</label>
${error ? `<p class="error" id="${id}-error">${esc(error)}</p>` : ""}
<textarea id="${id}" name="${name}" maxlength="${MAX_ANSWER_TEXT}"${error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ""}>${esc(value)}</textarea>`;
}

const formatTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "long", timeZone })
    .format(at)
    .replace(/:\d\d(?= )/, "");
const formatDay = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone }).format(at);

function errorSummary(errors: FieldError[]): string {
  if (errors.length === 0) return "";
  const anchor = (path: string) =>
    path === "score"
      ? "#score-0"
      : path === "comment"
        ? "#comment"
        : path.startsWith("responses")
          ? `#response-${path.split(".")[1] ?? 0}`
          : "#answer";
  const items = errors
    .map((e) => `<li><a href="${anchor(e.path)}">${esc(e.message)}</a></li>`)
    .join("");
  return `<div class="errors" role="alert"><h2>Please check your answer</h2><ul>${items}</ul></div>`;
}

/** The form: empty, prefilled for a change within 24 hours, or echoing a refused attempt. */
export function renderAnswerForm(
  link: SurveyLink,
  token: string,
  values: AnswerValues,
  options: { errors?: FieldError[]; state: LinkState },
): string {
  const errors = options.errors ?? [];
  const errorAt = (path: string) => errors.find((e) => e.path === path)?.message;
  const { request, timeZone } = link;
  const editing = options.state === "editable" && link.answer;
  const heading = `${esc(link.contactFirstName)}, a quick question from ${esc(link.workspaceName)}`;
  const about = request.about
    ? `<p class="about">This is about: <strong>${esc(request.about)}</strong></p>`
    : "";
  const note = editing
    ? `<p class="notice">You answered on ${esc(formatTime(link.answer?.answeredAt as Date, timeZone))}. You can change your answer until ${esc(formatTime(link.answer?.editableUntil as Date, timeZone))}.</p>`
    : "";
  const openQuestions = link.openQuestions
    .map((q, i) =>
      textArea(
        `response-${i}`,
        "responses",
        q,
        values.responses[i] ?? "",
        errorAt(`responses.${i}`),
      ),
    )
    .join("\n");
  const body = `<h1>${heading}</h1>
${note}
${errorSummary(errors)}
${about}
<form method="post" action="/r/${esc(token)}" id="answer">
${request.kind === "check_in" ? openQuestions : ""}
${scale(link, values, errorAt("score"))}
${textArea("comment", "comment", `${link.followUp} (optional)`, values.comment, errorAt("comment"))}
<button type="submit">${editing ? "Update my answer" : "Send my answer"}</button>
</form>`;
  return layout(editing ? "Change your answer" : "A quick question", link.workspaceName, body);
}

function answerSummary(link: SurveyLink): string {
  const a = link.answer;
  if (!a) return "";
  const range = link.request.kind === "nps" ? "10" : "5";
  const rows = [
    ...a.responses.filter((r) => r.answer).map((r) => [r.question, r.answer]),
    ...(a.score === null ? [] : [[link.question, `${a.score} out of ${range}`]]),
    ...(a.comment ? [[link.followUp, a.comment]] : []),
  ];
  return `<h2>Your answer</h2><dl class="summary">${rows.map(([q, v]) => `<dt>${esc(q ?? "")}</dt><dd>${esc(v ?? "")}</dd>`).join("")}</dl>`;
}

/** After a submit (PRG target), or a later visit once the answer can no longer change. */
export function renderThanks(
  link: SurveyLink,
  token: string,
  state: LinkState,
  message?: string,
): string {
  const a = link.answer;
  const change =
    state === "editable" && a
      ? `<p>Changed your mind? <a href="/r/${esc(token)}">Change your answer</a> until ${esc(formatTime(a.editableUntil, link.timeZone))}.</p>`
      : `<p>Your answer was saved${a ? ` on ${esc(formatTime(a.answeredAt, link.timeZone))}` : ""} and can no longer be changed.</p>`;
  const body = `<h1>Thank you, ${esc(link.contactFirstName)}!</h1>
${message ? `<div class="errors" role="alert"><p>${esc(message)}</p></div>` : ""}
<p>Your answer reached ${esc(link.workspaceName)}. It helps us serve you better.</p>
${change}
${answerSummary(link)}`;
  return layout("Thank you", link.workspaceName, body);
}

export type ClosedPage =
  | "expired"
  | "cancelled"
  | "not_found"
  | "rate_limited"
  | "too_large"
  | "unsupported"
  | "error";

/** Pages for links that cannot take an answer, and for refusals outside the form. */
export function renderClosed(page: ClosedPage, link?: SurveyLink, detail?: string): string {
  const who = link?.workspaceName ?? null;
  const contact = who
    ? `reply to the email or contact ${esc(who)} directly`
    : "contact the firm that sent you the link";
  const pages: Record<ClosedPage, [string, string]> = {
    expired: [
      "This survey has closed",
      `The link was open until ${link ? esc(formatDay(link.request.expiresAt, link.timeZone)) : "recently"}. If you would still like to share your view, please ${contact}.`,
    ],
    cancelled: [
      "This survey was withdrawn",
      `${who ? esc(who) : "The sender"} no longer needs an answer to it. Thank you all the same; if there is something you would like to tell us, please ${contact}.`,
    ],
    not_found: [
      "We could not find this survey",
      "The link may be incomplete: check that you opened or copied all of it. If it still does not work, please contact the firm that sent it.",
    ],
    rate_limited: ["Too many attempts", esc(detail ?? "Please wait a minute and try again.")],
    too_large: ["Your answer is too long", esc(detail ?? "Please shorten it and send it again.")],
    unsupported: [
      "That did not work",
      esc(detail ?? "Please send your answer with the form on the page."),
    ],
    error: [
      "Something went wrong on our side",
      "Please try again in a minute. If it keeps happening, reply to the email you received.",
    ],
  };
  const [title, text] = pages[page];
  return layout(title, who, `<h1>${esc(title)}</h1>\n<p>${text}</p>`);
}
