/** Portfolio: the leaders' view, every relationship ranked by risk (DESIGN §1). */
import {
  IconCalendarDue,
  IconChartArrowsVertical,
  IconListDetails,
  IconStack2,
  IconTargetArrow,
} from "@tabler/icons-react";
import { useCurrentMe } from "../../app/session";
import { PageHeader } from "../../components/PageHeader";
import { teamAction } from "../../components/TeamAction";
import { UpcomingArea } from "../../components/UpcomingArea";

export function PortfolioPage() {
  const me = useCurrentMe();
  return (
    <>
      <PageHeader
        title="Portfolio"
        description="The whole book of clients at a glance, riskiest relationships first."
      />
      <UpcomingArea
        icon={IconStack2}
        headline="Every relationship, ranked by risk"
        description="Once accounts have health scores, this page ranks them so leaders see where to step in before a client drifts away. Every score will show the reasons behind it, never a bare number."
        release="Arrives with the Health release"
        action={teamAction(me)}
        features={[
          {
            icon: IconListDetails,
            title: "Risk ranking",
            description: "Accounts ordered by health, tier and revenue at stake.",
          },
          {
            icon: IconChartArrowsVertical,
            title: "Health with reasons",
            description: "Each score broken into the signals that moved it.",
          },
          {
            icon: IconCalendarDue,
            title: "Renewals ahead",
            description: "Contracts up for renewal in the coming quarter.",
          },
          {
            icon: IconTargetArrow,
            title: "Key account plans",
            description: "Progress on the plans for your most important clients.",
          },
        ]}
      />
    </>
  );
}
