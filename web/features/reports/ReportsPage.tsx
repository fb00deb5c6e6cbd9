/** Reports: how relationships trend across the portfolio over time. */
import {
  IconChartBar,
  IconChartLine,
  IconMoodSmile,
  IconReceipt,
  IconUsersGroup,
} from "@tabler/icons-react";
import { useCurrentMe } from "../../app/session";
import { PageHeader } from "../../components/PageHeader";
import { teamAction } from "../../components/TeamAction";
import { UpcomingArea } from "../../components/UpcomingArea";

export function ReportsPage() {
  const me = useCurrentMe();
  return (
    <>
      <PageHeader
        title="Reports"
        description="Trends across your clients, for reviews with the team and the partners."
      />
      <UpcomingArea
        icon={IconChartBar}
        headline="How your relationships are trending"
        description="Reports are built from the interactions, surveys and health scores your team records. They start to mean something a few weeks after accounts are in, so the best preparation is a team that records its work from day one."
        release="Arrives with the Reports release"
        action={teamAction(me)}
        features={[
          {
            icon: IconChartLine,
            title: "Health over time",
            description: "How the portfolio's health moved, month by month.",
          },
          {
            icon: IconMoodSmile,
            title: "What clients say",
            description: "Survey scores, promoters and detractors.",
          },
          {
            icon: IconUsersGroup,
            title: "Team coverage",
            description: "Who keeps in touch with which accounts, and who is stretched.",
          },
          {
            icon: IconReceipt,
            title: "Revenue at stake",
            description: "Billed services by account, weighted by risk.",
          },
        ]}
      />
    </>
  );
}
