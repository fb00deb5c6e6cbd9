/**
 * Where each box of the relationship map goes: their people in rows by level (executive at
 * the top), our team in a row beneath, each row centred, and a line from each of our members
 * to each contact they cover. Pure, so the picture is the same for the same map.
 */
import type { Edge, Node } from "@xyflow/react";
import type { MapContact, MapLevel, MapTeamMember, RelationshipMap } from "./relationships.api";
import { levelRowLabels } from "./relationships.labels";

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 84;
const GAP_X = 24;
const ROW_GAP = 64;
const LABEL_WIDTH = 140;

export type ContactNodeData = { contact: MapContact; coveredBy: string[] };
export type MemberNodeData = { member: MapTeamMember; covers: number };
export type RowLabelData = { label: string; empty: boolean };

export type MapNode =
  | Node<ContactNodeData, "contact">
  | Node<MemberNodeData, "member">
  | Node<RowLabelData, "rowLabel">;

/** The three levels always show, so a missing level is seen; "not known" only when used. */
function rowsOf(map: RelationshipMap): { level: MapLevel; contacts: MapContact[] }[] {
  return map.levels.filter((row) => row.level !== "unknown" || row.contacts.length > 0);
}

export function layoutRelationshipMap(map: RelationshipMap): {
  nodes: MapNode[];
  edges: Edge[];
  height: number;
} {
  const rows = rowsOf(map);
  const widest = Math.max(1, map.team.length, ...rows.map((row) => row.contacts.length));
  const rowWidth = (count: number) => count * NODE_WIDTH + Math.max(0, count - 1) * GAP_X;
  const startX = (count: number) => LABEL_WIDTH + (rowWidth(widest) - rowWidth(count)) / 2;
  const rowY = (index: number) => index * (NODE_HEIGHT + ROW_GAP);

  const names = new Map(map.team.map((m) => [m.memberId, m.name]));
  const coveredBy = new Map<string, string[]>();
  const covers = new Map<string, number>();
  for (const link of map.coverage) {
    const name = names.get(link.memberId);
    if (name) coveredBy.set(link.contactId, [...(coveredBy.get(link.contactId) ?? []), name]);
    covers.set(link.memberId, (covers.get(link.memberId) ?? 0) + 1);
  }

  const nodes: MapNode[] = [];
  const label = (id: string, text: string, index: number, empty: boolean) =>
    nodes.push({
      id,
      type: "rowLabel",
      position: { x: 0, y: rowY(index) },
      data: { label: text, empty },
      draggable: false,
      selectable: false,
      focusable: false,
    });

  rows.forEach((row, index) => {
    label(`row:${row.level}`, levelRowLabels[row.level], index, row.contacts.length === 0);
    row.contacts.forEach((contact, column) => {
      nodes.push({
        id: `contact:${contact.contactId}`,
        type: "contact",
        position: {
          x: startX(row.contacts.length) + column * (NODE_WIDTH + GAP_X),
          y: rowY(index),
        },
        data: { contact, coveredBy: coveredBy.get(contact.contactId) ?? [] },
      });
    });
  });

  const teamIndex = rows.length;
  label("row:team", "Our team", teamIndex, map.team.length === 0);
  map.team.forEach((member, column) => {
    nodes.push({
      id: `member:${member.memberId}`,
      type: "member",
      position: { x: startX(map.team.length) + column * (NODE_WIDTH + GAP_X), y: rowY(teamIndex) },
      data: { member, covers: covers.get(member.memberId) ?? 0 },
    });
  });

  const edges: Edge[] = map.coverage.map((link) => ({
    id: `covers:${link.memberId}:${link.contactId}`,
    source: `member:${link.memberId}`,
    target: `contact:${link.contactId}`,
    // Who met whom (from interactions) is a fact; coverage by team role is an assumption.
    animated: false,
    style: link.source === "team_role" ? { strokeDasharray: "6 4" } : undefined,
  }));

  return { nodes, edges, height: rowY(teamIndex) + NODE_HEIGHT };
}
