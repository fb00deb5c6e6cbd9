/** Today: each member's daily agenda, "who needs me today" (DESIGN §1). */
import {
  IconCake,
  IconCalendarCheck,
  IconHeartRateMonitor,
  IconPhoneCall,
  IconShieldExclamation,
} from "@tabler/icons-react";
import { useCurrentMe } from "../../app/session";
import { PageHeader } from "../../components/PageHeader";
import { teamAction } from "../../components/TeamAction";
import { UpcomingArea } from "../../components/UpcomingArea";

export function TodayPage() {
  const me = useCurrentMe();
  const firstName = me.member.name.split(/\s+/)[0] ?? me.member.name;
  return (
    <>
      <PageHeader
        title="Today"
        description={`Good to see you, ${firstName}. This is where your day with clients starts.`}
      />
      <UpcomingArea
        icon={IconCalendarCheck}
        headline="Who needs you today"
        description="Your agenda will gather the touches that are due, promises about to fall due and relationships that are cooling, ordered so the most important client comes first. It fills itself once accounts and their cadence exist; meanwhile, bring your team in so everyone starts from the same list."
        release="Arrives with the Agenda release"
        action={teamAction(me)}
        features={[
          {
            icon: IconPhoneCall,
            title: "Touches due",
            description: "Calls and meetings each account's cadence says are due or overdue.",
          },
          {
            icon: IconShieldExclamation,
            title: "Promises and incidents",
            description: "What you committed to, and open issues waiting on you.",
          },
          {
            icon: IconHeartRateMonitor,
            title: "Cooling relationships",
            description: "Accounts whose health dropped, with the reasons why.",
          },
          {
            icon: IconCake,
            title: "Personal moments",
            description: "Birthdays and anniversaries of the people you look after.",
          },
        ]}
      />
    </>
  );
}
