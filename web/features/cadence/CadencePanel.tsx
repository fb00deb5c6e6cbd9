/**
 * Settings → Cadence rules: how often accounts should hear from the firm, grouped by what
 * each rule covers (tiers in the workspace's order, then prospects, then single accounts).
 * Managers and above add, edit and archive rules; everyone else reads them, because the
 * rules explain why an account shows as overdue on Today and in the portfolio.
 */
import { Alert, Button, EmptyState, Loader, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconLock, IconPlus, IconRepeat } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { describeError } from "../../app/api";
import { hasRole, useCurrentMe } from "../../app/session";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SectionHeader } from "../../components/SectionHeader";
import { useAccountName } from "../people/people.api";
import { useWorkspaceSettings } from "../settings/workspace.api";
import { CadenceRuleModal } from "./CadenceRuleModal";
import { type CadenceRule, useArchiveCadenceRule, useCadenceRules } from "./cadence.api";
import { describeRule } from "./cadence.labels";
import type { RuleDraft } from "./cadence-form";
import { RuleGroup, type RuleGroupProps } from "./RuleGroup";

const description =
  "How often accounts should hear from you. When an account goes longer than a rule allows without that kind of touch, it shows as overdue on Today and in the portfolio, and its owner gets a task.";

type Group = Omit<RuleGroupProps, "canEdit" | "onAdd" | "onEdit" | "onArchive">;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Tiers in the workspace's order (and any tier since removed, after them), prospects, accounts. */
function groupsOf(rules: CadenceRule[], tiers: string[]): Group[] {
  const ruleTiers = rules.flatMap((r) => (r.scope === "tier" && r.tier ? [r.tier] : []));
  const allTiers = [...tiers, ...new Set(ruleTiers.filter((t) => !tiers.includes(t)))];
  return [
    ...allTiers.map((tier) => ({
      id: `tier:${tier}`,
      title: `${capitalised(tier)} tier`,
      empty: "No rule: accounts in this tier never show as overdue.",
      draft: { scope: "tier", tier } as RuleDraft,
      rules: rules.filter((r) => r.scope === "tier" && r.tier === tier),
    })),
    {
      id: "prospects",
      title: "Prospects",
      empty: "No rule: prospects never show as overdue.",
      draft: { scope: "prospects" },
      rules: rules.filter((r) => r.scope === "prospects"),
    },
    {
      id: "accounts",
      title: "Single accounts",
      empty: "No account has a rule of its own. Add one when a client expects more than its tier.",
      draft: { scope: "account" },
      rules: rules.filter((r) => r.scope === "account"),
      showAccount: true,
    },
  ];
}

export function CadencePanel() {
  const me = useCurrentMe();
  const canEdit = hasRole(me.member.role, "manager");
  const rules = useCadenceRules();
  const workspace = useWorkspaceSettings();
  const archive = useArchiveCadenceRule();
  const [editing, setEditing] = useState<{ rule: CadenceRule | null; draft: RuleDraft } | null>(
    null,
  );
  const [archiving, setArchiving] = useState<CadenceRule | null>(null);
  const tiers = workspace.data?.tiers ?? [];
  const live = useMemo(() => (rules.data ?? []).filter((r) => !r.archivedAt), [rules.data]);
  const groups = useMemo(() => groupsOf(live, tiers), [live, tiers]);

  const confirmArchive = () => {
    if (!archiving) return;
    archive.mutate(archiving, {
      onSuccess: (rule) =>
        notifications.show({
          color: "rapport",
          title: "Rule archived",
          message: `“${capitalised(describeRule(rule))}” no longer applies.`,
        }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "Could not archive the rule",
          message: describeError(error),
        }),
      onSettled: () => setArchiving(null),
    });
  };

  const addButton = canEdit && (
    <Button
      leftSection={<IconPlus size={16} aria-hidden />}
      onClick={() => setEditing({ rule: null, draft: { scope: "tier", tier: tiers[0] } })}
    >
      Add a rule
    </Button>
  );

  return (
    <Stack gap={0}>
      <SectionHeader title="Cadence rules" description={description} actions={addButton} />
      {!canEdit && (
        <Alert
          color="gray"
          icon={<IconLock size={18} />}
          title="Only managers and above change cadence rules"
          mb="md"
        >
          Ask a manager, admin or owner when a tier or an account needs a different rhythm.
        </Alert>
      )}
      {rules.isError || workspace.isError ? (
        <QueryErrorAlert
          error={rules.error ?? workspace.error}
          what="the cadence rules"
          onRetry={() => {
            void rules.refetch();
            void workspace.refetch();
          }}
        />
      ) : !rules.data || !workspace.data ? (
        <Loader aria-label="Loading the cadence rules" />
      ) : live.length === 0 ? (
        <EmptyState
          py="xl"
          icon={<IconRepeat size={28} stroke={1.5} />}
          title="No cadence rules yet"
          description="A cadence rule says how often a group of accounts should hear from you, such as “any touch every 14 days” for key accounts or “a strategy session every 90 days”. Rapport then flags accounts that go quiet for longer and gives their owners a task."
        />
      ) : (
        <Stack gap="md">
          {groups.map((group) => (
            <RuleGroup
              key={group.id}
              {...group}
              canEdit={canEdit}
              onAdd={() => setEditing({ rule: null, draft: group.draft })}
              onEdit={(rule) => setEditing({ rule, draft: group.draft })}
              onArchive={setArchiving}
            />
          ))}
        </Stack>
      )}

      <CadenceRuleModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        tiers={tiers}
        rule={editing?.rule ?? null}
        draft={editing?.draft ?? { scope: "tier" }}
      />
      <ConfirmDialog
        opened={archiving !== null}
        title="Archive cadence rule"
        confirmLabel="Archive rule"
        danger
        loading={archive.isPending}
        onClose={() => setArchiving(null)}
        onConfirm={confirmArchive}
      >
        {archiving && (
          <>
            <strong>{capitalised(describeRule(archiving))}</strong> stops applying
            {archiving.scope === "account" && (
              <>
                {" "}
                to <ArchivingAccount accountId={archiving.accountId} />
              </>
            )}
            , and its open cadence tasks are dismissed. You can add the rule again later.
          </>
        )}
      </ConfirmDialog>
    </Stack>
  );
}

function ArchivingAccount({ accountId }: { accountId: string | null }) {
  const name = useAccountName(accountId);
  return <strong>{name.data ?? "this account"}</strong>;
}
