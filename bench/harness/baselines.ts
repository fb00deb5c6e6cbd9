/**
 * The raw-SQL floor of each read path: the best single statement we can write returning the
 * data the path shows, run straight through the driver in the bench process. No HTTP, no
 * auth, no validation, no JSON presenting in JavaScript, one round trip: whatever the app
 * adds on top of these is its own cost, so a path's ratio to its baseline says how much
 * of its time is the app and how much is the data. Every statement reads only through the
 * indexes the migrations created (each leads with workspace_id), as the app must.
 */
import { type SQL, sql } from "drizzle-orm";
import { meaningfulKinds } from "../../src/domains/interactions/interactions.inputs";

/** What a baseline statement is parameterised by, per call. */
export type BaselineParams = {
  workspaceId: string;
  memberId: string;
  accountId: string;
  /** The search as `'nor':*`, every term a prefix (search.inputs' prepareSearch). */
  tsquery: string;
  /** The firm's day boundaries for the agenda, computed as the app computes them. */
  day: { today: string; todayStarts: Date; tomorrowStarts: Date; weekEnds: Date; timeZone: string };
  now: Date;
};

const kinds = sql.raw(meaningfulKinds.map((k) => `'${k}'`).join(", "));
const iso = (d: Date) => d.toISOString();

/**
 * Portfolio page of 50: the app's own statement is already a single indexed walk of
 * account_health_score_idx that stops after 51 rows; the floor is that statement alone,
 * without the "compute missing scores" check the app makes first and without presenting.
 */
export function portfolioBaseline(p: BaselineParams): SQL {
  return sql`
    select h.account_id, a.name, h.score, h.band, h.trend, h.top_concern, a.owner_id,
      u.name as owner_name, a.tier, a.segment, h.last_touch_at, h.change_7d
    from account_health h
    join accounts a on a.workspace_id = h.workspace_id and a.id = h.account_id
    left join members m on m.workspace_id = a.workspace_id and m.id = a.owner_id
    left join users u on u.id = m.user_id
    where h.workspace_id = ${p.workspaceId} and a.archived_at is null and a.status <> 'former'
    order by h.score, h.account_id
    limit 51`;
}

/**
 * Account page: the account, its health with 90 days of history, and the first timeline
 * page (51 events of every source, interactions with their people and needs) in one
 * statement; the app needs three requests and a dozen statements for the same screen.
 */
export function accountPageBaseline(p: BaselineParams): SQL {
  const ws = p.workspaceId;
  const id = p.accountId;
  const since = iso(new Date(p.now.getTime() - 90 * 86_400_000));
  return sql`
    with a as (select * from accounts where workspace_id = ${ws} and id = ${id}),
    tz as (select time_zone as name from workspaces where id = ${ws}),
    events as (
      select e.* from (
        select coalesce(i.occurred_at, i.scheduled_at) as at, 'interaction' as kind,
          'interaction:' || i.id as event_id, i.id as interaction_id, i.kind as title,
          i.summary as detail, i.state as status
        from interactions i
        where i.workspace_id = ${ws} and i.account_id = ${id} and i.archived_at is null
          and coalesce(i.occurred_at, i.scheduled_at) is not null
        union all
        select (c.value->>'changedAt')::timestamptz, 'status_change', 'status:' || c.ordinality,
          null, c.value->>'status', null, c.value->>'status'
        from a, jsonb_array_elements(a.status_history) with ordinality c
        union all
        select ((m.value->>'on')::date::timestamp at time zone (select name from tz)), 'milestone',
          'milestone:' || (m.value->>'on') || ':' || m.ordinality, null, m.value->>'title',
          m.value->>'detail', null
        from a, jsonb_array_elements(a.milestones) with ordinality m
        union all
        select (n.learned_on::timestamp at time zone (select name from tz)), 'need_learned',
          'need:' || n.id, null, n.title, n.detail, n.status
        from needs n where n.workspace_id = ${ws} and n.account_id = ${id} and n.archived_at is null
        union all
        select n.status_changed_at, 'need_status_changed', 'need_status:' || n.id, null, n.title,
          null, n.status
        from needs n where n.workspace_id = ${ws} and n.account_id = ${id}
          and n.archived_at is null and n.status_changed_at is not null
        union all
        select s.answered_at, 'survey_answer', 'survey_answer:' || s.id, null,
          s.kind || coalesce(' ' || s.score, ''), s.comment, null
        from survey_answers s where s.workspace_id = ${ws} and s.account_id = ${id}
      ) e
      order by e.at desc, e.kind desc, e.event_id desc
      limit 51
    ),
    -- The page's people, team and needs in one lookup each, as the app batches them.
    people as (
      select ic.interaction_id, json_agg(json_build_object('id', c.id,
          'name', c.first_name || ' ' || coalesce(c.last_name, ''), 'email', c.emails[1])
          order by c.first_name, c.last_name, c.id) as list
      from interaction_contacts ic
      join contacts c on c.workspace_id = ic.workspace_id and c.id = ic.contact_id
      where ic.workspace_id = ${ws} and ic.interaction_id in (select interaction_id from events)
      group by ic.interaction_id
    ),
    team as (
      select im.interaction_id, json_agg(json_build_object('id', m.id, 'name', u.name, 'email', u.email)
          order by u.name, m.id) as list
      from interaction_members im
      join members m on m.workspace_id = im.workspace_id and m.id = im.member_id
      join users u on u.id = m.user_id
      where im.workspace_id = ${ws} and im.interaction_id in (select interaction_id from events)
      group by im.interaction_id
    ),
    needs_of as (
      select inn.interaction_id, json_agg(json_build_object('id', n.id, 'title', n.title)) as list
      from interaction_needs inn
      join needs n on n.workspace_id = inn.workspace_id and n.id = inn.need_id
      where inn.workspace_id = ${ws} and inn.interaction_id in (select interaction_id from events)
      group by inn.interaction_id
    )
    select
      (select row_to_json(a) from a) as account,
      (select row_to_json(h) from (
        select score, band, trend, top_concern, components, computed_at, change_7d
        from account_health where workspace_id = ${ws} and account_id = ${id}) h) as health,
      (select json_agg(json_build_object('at', s.computed_at, 'score', s.score) order by s.computed_at)
        from health_snapshots s
        where s.workspace_id = ${ws} and s.account_id = ${id} and s.computed_at >= ${since}::timestamptz) as history,
      (select json_agg(json_build_object('event', e, 'interaction', row_to_json(i),
          'contacts', pc.list, 'members', pm.list, 'needs', pn.list)
          order by e.at desc, e.kind desc, e.event_id desc)
        from events e
        left join interactions i on i.workspace_id = ${ws} and i.id = e.interaction_id
        left join people pc on pc.interaction_id = e.interaction_id
        left join team pm on pm.interaction_id = e.interaction_id
        left join needs_of pn on pn.interaction_id = e.interaction_id) as timeline`;
}

/**
 * Search type-ahead: the three ranked lists (accounts, contacts with their current
 * accounts, needs) merged and cut to 10 in the database, each list one GIN lookup on its
 * generated tsvector. The member's visibility of contacts' interests is kept (weights A and
 * B always match; C only on an account the member serves), as the app must keep it.
 */
export function searchBaseline(p: BaselineParams): SQL {
  const ws = p.workspaceId;
  const any = sql`to_tsquery('simple', ${p.tsquery})`;
  const ab = sql`to_tsquery('simple', ${p.tsquery.replaceAll(":*", ":*AB")})`;
  return sql`
    select * from (
      (select 'account' as type, 0 as kind_order, a.id, a.name as title,
        concat_ws(' · ', a.domain, a.segment) as subtitle, null::uuid as account_id,
        ts_rank(a.search, ${any}) as rank
      from accounts a
      where a.workspace_id = ${ws} and a.archived_at is null and a.search @@ ${any}
      order by rank desc, a.name, a.id limit 10)
      union all
      (select 'contact', 1, c.id, trim(c.first_name || ' ' || coalesce(c.last_name, '')),
        concat_ws(' · ', c.title, (
          select string_agg(distinct a.name, ', ') from contact_affiliations ca
          join accounts a on a.workspace_id = ca.workspace_id and a.id = ca.account_id
          where ca.workspace_id = c.workspace_id and ca.contact_id = c.id
            and (ca.ended_on is null or ca.ended_on > ${p.day.today}::date) and a.archived_at is null),
          c.emails[1]),
        null::uuid, ts_rank(c.search, ${any}) as rank
      from contacts c
      where c.workspace_id = ${ws} and c.archived_at is null and c.search @@ ${any}
        and (c.search @@ ${ab} or exists (
          select 1 from contact_affiliations ca
          join accounts a on a.workspace_id = ca.workspace_id and a.id = ca.account_id
          where ca.workspace_id = c.workspace_id and ca.contact_id = c.id
            and (a.owner_id = ${p.memberId} or exists (select 1 from account_team_members t
              where t.workspace_id = a.workspace_id and t.account_id = a.id
                and t.member_id = ${p.memberId} and t.ended_at is null))))
      order by rank desc, c.first_name, c.last_name, c.id limit 10)
      union all
      (select 'need', 2, n.id, n.title, concat_ws(' · ', a.name, n.kind), n.account_id,
        ts_rank(n.search, ${any}) as rank
      from needs n join accounts a on a.workspace_id = n.workspace_id and a.id = n.account_id
      where n.workspace_id = ${ws} and n.archived_at is null and a.archived_at is null
        and n.search @@ ${any}
      order by rank desc, n.title, n.id limit 10)
    ) hits
    order by rank desc, kind_order, title, id
    limit 10`;
}

/**
 * The accounts a member serves (owns or is on the live team of) and leads (owns, or team
 * role lead), as the agenda scopes them.
 */
function served(p: BaselineParams): SQL {
  return sql`(select a.id from accounts a where a.workspace_id = ${p.workspaceId}
      and a.owner_id = ${p.memberId} and a.archived_at is null
    union select t.account_id from account_team_members t
      join accounts a on a.workspace_id = t.workspace_id and a.id = t.account_id
      where t.workspace_id = ${p.workspaceId} and t.member_id = ${p.memberId}
        and t.ended_at is null and a.archived_at is null)`;
}

/**
 * The busy member's agenda in one statement: planned interactions of the week with their
 * contacts, tasks late, due today and alarms of the week, touches overdue or due soon on
 * served accounts (the cadence rules' join and a backward index step per account and rule),
 * the yearly dates of people at served accounts and the accounts' anniversaries that fall in
 * the week (the app loads every candidate and places them in JavaScript; the database can
 * place them itself, so the floor does), and the five quietest led accounts. The app issues
 * these as separate statements in parallel.
 */
/**
 * A yearly (month, day) falls on the week's day `w.on_day`: 29 February is marked on
 * 28 February in other years, as agenda.dates' occurrenceIn has it.
 */
function onDay(month: SQL, day: SQL): SQL {
  return sql`(${month} = extract(month from w.on_day) and (${day} = extract(day from w.on_day)
    or (${month} = 2 and ${day} = 29 and extract(day from w.on_day) = 28
      and extract(day from (date_trunc('year', w.on_day) + interval '1 month 28 days')) <> 29)))`;
}

export function agendaBaseline(p: BaselineParams): SQL {
  const ws = p.workspaceId;
  const member = p.memberId;
  const { today, todayStarts, tomorrowStarts, weekEnds, timeZone: tz } = p.day;
  const rule = sql`(r.scope = 'account' and r.account_id = a.id)
    or (r.scope = 'prospects' and a.status = 'prospect' and not exists (select 1 from cadence_rules o where o.workspace_id = a.workspace_id and o.scope = 'account' and o.account_id = a.id and o.kind = r.kind and o.archived_at is null))
    or (r.scope = 'tier' and a.status <> 'prospect' and r.tier = a.tier and not exists (select 1 from cadence_rules o where o.workspace_id = a.workspace_id and o.scope = 'account' and o.account_id = a.id and o.kind = r.kind and o.archived_at is null))`;
  const dueOn = sql`(coalesce((t.occurred_at at time zone ${tz})::date, greatest((a.created_at at time zone ${tz})::date, (r.created_at at time zone ${tz})::date)) + r.every_days)`;
  return sql`
    with served as ${served(p)},
    planned as (
      select i.id, i.kind, i.scheduled_at, i.duration_minutes, i.summary, i.reschedule_history,
        i.created_by_id, i.updated_at, a.id as account_id, a.name as account_name,
        (select json_agg(json_build_object('id', c.id, 'name', c.first_name || ' ' || coalesce(c.last_name, '')) order by c.first_name, c.id)
          from interaction_contacts ic join contacts c on c.workspace_id = ic.workspace_id and c.id = ic.contact_id
          where ic.workspace_id = i.workspace_id and ic.interaction_id = i.id) as contacts
      from interactions i join accounts a on a.workspace_id = i.workspace_id and a.id = i.account_id
      where i.workspace_id = ${ws} and i.state = 'planned' and i.archived_at is null
        and i.scheduled_at >= ${iso(todayStarts)}::timestamptz and i.scheduled_at < ${iso(weekEnds)}::timestamptz
        and (i.created_by_id = ${member} or exists (select 1 from interaction_members im
          where im.workspace_id = i.workspace_id and im.interaction_id = i.id and im.member_id = ${member}))
    ),
    -- Two index ranges on tasks_assignee_idx (due by tomorrow; alarms of the week), not an OR.
    due_tasks as (
      select t.id, t.title, t.priority, t.source, t.due_at, t.version, t.updated_at, t.account_id,
        (select a.name from accounts a where a.workspace_id = t.workspace_id and a.id = t.account_id) as account_name
      from tasks t
      where t.workspace_id = ${ws} and t.assignee_id = ${member} and t.status = 'open'
        and t.due_at < ${iso(tomorrowStarts)}::timestamptz
      union all
      select t.id, t.title, t.priority, t.source, t.due_at, t.version, t.updated_at, t.account_id,
        (select a.name from accounts a where a.workspace_id = t.workspace_id and a.id = t.account_id)
      from tasks t
      where t.workspace_id = ${ws} and t.assignee_id = ${member} and t.status = 'open'
        and t.due_at >= ${iso(tomorrowStarts)}::timestamptz and t.due_at < ${iso(weekEnds)}::timestamptz
        and t.source in ('survey', 'trend', 'tone', 'silence', 'health')
    ),
    touches as (
      select * from (
        select a.id as account_id, a.name as account_name, r.id as rule_id, r.kind, r.every_days,
          t.occurred_at as last_touch_at, ${dueOn} as due_on, ${dueOn} - ${today}::date as days_until_due
        from accounts a
        join cadence_rules r on r.workspace_id = a.workspace_id and r.archived_at is null and (${rule})
        left join lateral (
          select i.occurred_at from interactions i
          where i.workspace_id = a.workspace_id and i.account_id = a.id and i.state = 'completed'
            and i.archived_at is null and i.occurred_at <= ${iso(p.now)}::timestamptz
            and (i.kind = r.kind or (r.kind = 'any' and i.kind in (${kinds})))
          order by i.occurred_at desc limit 1) t on true
        where a.workspace_id = ${ws} and a.archived_at is null and a.status <> 'former'
          and (a.owner_id = ${member} or exists (select 1 from account_team_members tm
            where tm.workspace_id = a.workspace_id and tm.account_id = a.id
              and tm.member_id = ${member} and tm.ended_at is null))
      ) s where s.days_until_due < greatest(1, round(s.every_days / 5.0))
    ),
    week as (
      select d::date as on_day from generate_series(${today}::date, ${today}::date + 7, interval '1 day') d
    ),
    dates as (
      select distinct on (c.id, x.value) c.id as contact_id, c.first_name, c.last_name,
        c.preferred_channel, x.value as important_date, w.on_day, a.id as account_id,
        a.name as account_name
      from contact_affiliations ca
      join contacts c on c.workspace_id = ca.workspace_id and c.id = ca.contact_id
      join accounts a on a.workspace_id = ca.workspace_id and a.id = ca.account_id
      cross join lateral jsonb_array_elements(c.important_dates) x
      join week w on ${onDay(sql`(x.value->>'month')::int`, sql`(x.value->>'day')::int`)}
      where ca.workspace_id = ${ws} and ca.account_id in (select id from served)
        and (ca.ended_on is null or ca.ended_on > ${today}::date)
        and c.archived_at is null and c.merged_into_id is null
        and c.important_dates @> '[{"remind": true}]'::jsonb and (x.value->>'remind')::boolean
      order by c.id, x.value, a.name
    ),
    anniversaries as (
      select a.id, a.name, f.began, w.on_day from accounts a
      cross join lateral (
        select min(((h.value->>'changedAt')::timestamptz at time zone ${tz})::date) as began
        from jsonb_array_elements(a.status_history) h where h.value->>'status' = 'active') f
      join week w on ${onDay(sql`extract(month from f.began)::int`, sql`extract(day from f.began)::int`)}
        and w.on_day >= f.began + interval '1 year'
      where a.workspace_id = ${ws} and a.id in (select id from served) and a.status <> 'former'
        and a.status_history @> '[{"status": "active"}]'::jsonb
    ),
    quiet as (
      select a.id, a.name, a.status, (select max(i.occurred_at) from interactions i
          where i.workspace_id = a.workspace_id and i.account_id = a.id and i.state = 'completed'
            and i.archived_at is null and i.kind in (${kinds})
            and i.occurred_at < ${iso(tomorrowStarts)}::timestamptz) as last_touch_at
      from accounts a
      where a.workspace_id = ${ws} and a.archived_at is null and a.status <> 'former'
        and (a.owner_id = ${member} or exists (select 1 from account_team_members tm
          where tm.workspace_id = a.workspace_id and tm.account_id = a.id and tm.member_id = ${member}
            and tm.role = 'lead' and tm.ended_at is null))
      order by 4 asc nulls first, a.created_at, a.id
      limit 5
    )
    select
      (select json_agg(planned order by scheduled_at, id) from planned) as planned,
      (select json_agg(due_tasks order by due_at, id) from due_tasks) as tasks,
      (select json_agg(touches order by days_until_due, account_name, account_id) from touches) as touches,
      (select json_agg(dates) from dates) as dates,
      (select json_agg(anniversaries) from anniversaries) as anniversaries,
      (select json_agg(quiet) from quiet) as quiet`;
}

/**
 * Full health recompute: everything the gather reads for every live account of the
 * workspace, in one statement, one row per account with each source aggregated beside it
 * (owner, last meaningful touch, two snapshots, cadence states, answers of the year capped
 * at 20, tone of 180 days capped at 10, people, team, open alarms). The app reads the same
 * in seven statements and then computes and writes, which this floor does not: it is the
 * reading cost alone.
 */
export function healthGatherBaseline(p: BaselineParams, timeZone: string): SQL {
  const ws = p.workspaceId;
  const asOf = iso(p.now);
  const weekAgo = iso(new Date(p.now.getTime() - 7 * 86_400_000));
  const yearAgo = iso(new Date(p.now.getTime() - 365 * 86_400_000));
  const toneSince = iso(new Date(p.now.getTime() - 180 * 86_400_000));
  const today = p.now.toISOString().slice(0, 10);
  const tz = timeZone;
  const live = sql`a.workspace_id = ${ws} and a.archived_at is null and a.status <> 'former'`;
  const dueOn = sql`(coalesce((t.occurred_at at time zone ${tz})::date, greatest((a.created_at at time zone ${tz})::date, (r.created_at at time zone ${tz})::date)) + r.every_days)`;
  return sql`
    with cadence as (
      select a.id as account_id, json_agg(json_build_object('kind', r.kind, 'everyDays', r.every_days,
          'daysOverdue', greatest(0, ${today}::date - ${dueOn}))) as list
      from accounts a
      join cadence_rules r on r.workspace_id = a.workspace_id and r.archived_at is null and (
        (r.scope = 'account' and r.account_id = a.id)
        or (r.scope = 'prospects' and a.status = 'prospect' and not exists (select 1 from cadence_rules o where o.workspace_id = a.workspace_id and o.scope = 'account' and o.account_id = a.id and o.kind = r.kind and o.archived_at is null))
        or (r.scope = 'tier' and a.status <> 'prospect' and r.tier = a.tier and not exists (select 1 from cadence_rules o where o.workspace_id = a.workspace_id and o.scope = 'account' and o.account_id = a.id and o.kind = r.kind and o.archived_at is null)))
      left join lateral (
        select i.occurred_at from interactions i
        where i.workspace_id = a.workspace_id and i.account_id = a.id and i.state = 'completed'
          and i.archived_at is null and i.occurred_at <= ${asOf}::timestamptz
          and (i.kind = r.kind or (r.kind = 'any' and i.kind in (${kinds})))
        order by i.occurred_at desc limit 1) t on true
      where ${live}
      group by a.id
    ),
    answers as (
      select account_id, json_agg(json_build_object('kind', kind, 'score', score, 'answeredAt', answered_at)
          order by answered_at) as list
      from (select s.*, row_number() over (partition by s.account_id order by s.answered_at desc, s.id desc) as n
        from survey_answers s
        where s.workspace_id = ${ws} and s.score is not null
          and s.answered_at > ${yearAgo}::timestamptz and s.answered_at <= ${asOf}::timestamptz) s
      where n <= 20
      group by account_id
    ),
    tone as (
      select account_id, json_agg(json_build_object('at', subject_at, 'score', score, 'correctedLabel', corrected_label)
          order by subject_at) as list
      from (select ts.*, row_number() over (partition by ts.account_id order by ts.subject_at desc, ts.id desc) as n
        from tone_scores ts
        where ts.workspace_id = ${ws} and ts.subject_at > ${toneSince}::timestamptz
          and ts.subject_at <= ${asOf}::timestamptz) ts
      where n <= 10
      group by account_id
    ),
    people as (
      select ca.account_id, json_agg(json_build_object('affiliationId', ca.id, 'contactId', c.id,
          'name', trim(c.first_name || ' ' || coalesce(c.last_name, '')), 'title', c.title, 'level', c.level,
          'role', ca.role, 'authority', ca.authority, 'responsibility', ca.responsibility,
          'accountability', ca.accountability, 'startedOn', ca.started_on, 'endedOn', ca.ended_on)) as list
      from contact_affiliations ca
      join contacts c on c.workspace_id = ca.workspace_id and c.id = ca.contact_id
      where ca.workspace_id = ${ws} and c.archived_at is null
      group by ca.account_id
    ),
    team as (
      select t.account_id, json_agg(json_build_object('memberId', t.member_id, 'name', u.name, 'role', t.role)) as list
      from account_team_members t
      join members m on m.workspace_id = t.workspace_id and m.id = t.member_id
      join users u on u.id = m.user_id
      where t.workspace_id = ${ws} and t.ended_at is null
      group by t.account_id
    ),
    alarms as (
      select account_id, json_agg(json_build_object('source', source, 'title', title)) as list
      from tasks
      where workspace_id = ${ws} and status = 'open' and source in ('survey', 'trend', 'tone', 'silence')
      group by account_id
    )
    select a.id, a.created_at, a.owner_id, u.name as owner_name, lt.occurred_at as last_touch_at,
      l.score as last_score, l.computed_at as last_at, w.score as week_score, w.computed_at as week_at,
      cadence.list as cadence, answers.list as answers, tone.list as tone, people.list as people,
      team.list as team, alarms.list as alarms
    from accounts a
    left join members m on m.workspace_id = a.workspace_id and m.id = a.owner_id
    left join users u on u.id = m.user_id
    left join lateral (
      select i.occurred_at from interactions i
      where i.workspace_id = a.workspace_id and i.account_id = a.id and i.state = 'completed'
        and i.archived_at is null and i.kind in (${kinds}) and i.occurred_at <= ${asOf}::timestamptz
      order by i.occurred_at desc limit 1) lt on true
    left join lateral (
      select s.score, s.computed_at from health_snapshots s
      where s.workspace_id = a.workspace_id and s.account_id = a.id
      order by s.computed_at desc limit 1) l on true
    left join lateral (
      select s.score, s.computed_at from health_snapshots s
      where s.workspace_id = a.workspace_id and s.account_id = a.id and s.computed_at <= ${weekAgo}::timestamptz
      order by s.computed_at desc limit 1) w on true
    left join cadence on cadence.account_id = a.id
    left join answers on answers.account_id = a.id
    left join tone on tone.account_id = a.id
    left join people on people.account_id = a.id
    left join team on team.account_id = a.id
    left join alarms on alarms.account_id = a.id
    where ${live}
    order by a.id`;
}
