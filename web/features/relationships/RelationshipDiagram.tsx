/**
 * The relationship map drawn with React Flow: their people in rows by level, our team
 * beneath, a line from each of our members to each contact they cover. Contacts nobody
 * covers are outlined in amber, dashed. Clicking a person opens their page. Loaded lazily: the
 * drawing library is only fetched when someone opens the map.
 */
import "@xyflow/react/dist/style.css";
import { Badge, Group, Paper, Text, useComputedColorScheme } from "@mantine/core";
import { IconCrown } from "@tabler/icons-react";
import {
  Background,
  Controls,
  Handle,
  type NodeProps,
  type NodeTypes,
  Position,
  ReactFlow,
} from "@xyflow/react";
import { useMemo } from "react";
import { useNavigate } from "react-router";
import { teamRoleLabels } from "../accounts/accounts.model";
import { roleLabels } from "../people/people.format";
import {
  type ContactNodeData,
  layoutRelationshipMap,
  type MapNode,
  type MemberNodeData,
  NODE_HEIGHT,
  NODE_WIDTH,
  type RowLabelData,
} from "./relationship-layout";
import type { RelationshipMap } from "./relationships.api";

const box = { width: NODE_WIDTH, height: NODE_HEIGHT, overflow: "hidden" } as const;
// Lines are drawn, not clicked: the handles only anchor them.
const hiddenHandle = { opacity: 0, pointerEvents: "none" } as const;

function ContactNode({ data }: NodeProps<MapNode & { type: "contact" }>) {
  const { contact, coveredBy } = data as ContactNodeData;
  const uncovered = coveredBy.length === 0;
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      shadow="xs"
      style={{
        ...box,
        cursor: "pointer",
        borderColor: uncovered ? "var(--mantine-color-yellow-7)" : undefined,
        borderStyle: uncovered ? "dashed" : undefined,
        borderWidth: uncovered ? 2 : undefined,
      }}
      title={uncovered ? "Nobody on our team covers them" : `Covered by ${coveredBy.join(", ")}`}
    >
      <Text size="sm" fw={600} truncate>
        {contact.name}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {contact.title ?? "Title not known"}
      </Text>
      <Group gap={4} mt={4} wrap="nowrap">
        {contact.role && (
          <Badge size="xs" variant="light" radius="sm">
            {roleLabels[contact.role]}
          </Badge>
        )}
        {contact.authority && (
          <Text size="xs" c="dimmed" truncate title={contact.authority}>
            {contact.authority}
          </Text>
        )}
        {uncovered && !contact.role && !contact.authority && (
          <Text size="xs" c="yellow.9">
            Nobody covers them
          </Text>
        )}
      </Group>
      <Handle type="target" position={Position.Bottom} style={hiddenHandle} />
    </Paper>
  );
}

function MemberNode({ data }: NodeProps<MapNode & { type: "member" }>) {
  const { member, covers } = data as MemberNodeData;
  return (
    <Paper
      radius="md"
      p="xs"
      style={{
        ...box,
        background: "var(--mantine-color-rapport-light)",
        border: "1px solid var(--mantine-color-rapport-outline)",
      }}
    >
      <Group gap={4} wrap="nowrap">
        <Text size="sm" fw={600} truncate>
          {member.name}
        </Text>
        {member.isOwner && <IconCrown size={14} aria-label="Owner of the account" />}
      </Group>
      <Text size="xs" c="dimmed" truncate>
        {teamRoleLabels[member.role]}
        {member.responsibility ? ` · ${member.responsibility}` : ""}
      </Text>
      <Text size="xs" c={covers === 0 ? "dimmed" : undefined} mt={4}>
        {covers === 0 ? "Covers no one by role" : `Covers ${covers}`}
      </Text>
      <Handle type="source" position={Position.Top} style={hiddenHandle} />
    </Paper>
  );
}

function RowLabelNode({ data }: NodeProps<MapNode & { type: "rowLabel" }>) {
  const { label, empty } = data as RowLabelData;
  return (
    <div style={{ width: 120, height: NODE_HEIGHT, display: "flex", alignItems: "center" }}>
      <div>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          {label}
        </Text>
        {empty && (
          <Text size="xs" c="dimmed" fs="italic">
            No one yet
          </Text>
        )}
      </div>
    </div>
  );
}

const nodeTypes: NodeTypes = { contact: ContactNode, member: MemberNode, rowLabel: RowLabelNode };

export default function RelationshipDiagram({ map }: { map: RelationshipMap }) {
  const navigate = useNavigate();
  const colorMode = useComputedColorScheme("light");
  const { nodes, edges, height } = useMemo(() => layoutRelationshipMap(map), [map]);

  return (
    <section
      style={{ height: Math.min(720, Math.max(360, height + 80)), width: "100%" }}
      aria-label="Relationship map: their people by level and our team, with lines for who covers whom (also listed in the table below)"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        colorMode={colorMode}
        fitView
        fitViewOptions={{ padding: 0.12, maxZoom: 1 }}
        minZoom={0.3}
        maxZoom={1.5}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        // The page scrolls as usual; zoom with the buttons or a pinch.
        zoomOnScroll={false}
        preventScrolling={false}
        onNodeClick={(_, node) => {
          if (node.type === "contact") {
            navigate(`/people/${(node.data as ContactNodeData).contact.contactId}`);
          }
        }}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  );
}
