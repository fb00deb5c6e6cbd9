CREATE TABLE "calendar_feeds" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"label" text,
	"token_hash" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "calendar_feeds_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "cadence_rules" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"scope" text NOT NULL,
	"tier" text,
	"account_id" uuid,
	"kind" text DEFAULT 'any' NOT NULL,
	"every_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "cadence_rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "cadence_rules_every_days_check" CHECK ("cadence_rules"."every_days" >= 1),
	CONSTRAINT "cadence_rules_scope_check" CHECK (("cadence_rules"."scope" = 'tier' and "cadence_rules"."tier" is not null and "cadence_rules"."account_id" is null) or ("cadence_rules"."scope" = 'account' and "cadence_rules"."account_id" is not null and "cadence_rules"."tier" is null) or ("cadence_rules"."scope" = 'prospects' and "cadence_rules"."tier" is null and "cadence_rules"."account_id" is null))
);
--> statement-breakpoint
CREATE TABLE "interaction_contacts" (
	"workspace_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	CONSTRAINT "interaction_contacts_workspace_id_interaction_id_contact_id_pk" PRIMARY KEY("workspace_id","interaction_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "interaction_members" (
	"workspace_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "interaction_members_workspace_id_interaction_id_member_id_pk" PRIMARY KEY("workspace_id","interaction_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "interaction_needs" (
	"workspace_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	CONSTRAINT "interaction_needs_workspace_id_interaction_id_need_id_pk" PRIMARY KEY("workspace_id","interaction_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"direction" text,
	"state" text NOT NULL,
	"scheduled_at" timestamp with time zone,
	"occurred_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"duration_minutes" integer,
	"summary" text,
	"decisions" text,
	"next_steps" text,
	"cancel_reason" text,
	"reschedule_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "interactions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "interactions_duration_check" CHECK ("interactions"."duration_minutes" is null or "interactions"."duration_minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid,
	"title" text NOT NULL,
	"detail" text,
	"assignee_id" uuid NOT NULL,
	"due_at" timestamp with time zone,
	"priority" text DEFAULT 'medium' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"dismiss_reason" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"source_ref" text,
	"created_by_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tasks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_workspace_id_member_id_members_workspace_id_id_fk" FOREIGN KEY ("workspace_id","member_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadence_rules" ADD CONSTRAINT "cadence_rules_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_contacts" ADD CONSTRAINT "interaction_contacts_workspace_id_interaction_id_interactions_workspace_id_id_fk" FOREIGN KEY ("workspace_id","interaction_id") REFERENCES "public"."interactions"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_contacts" ADD CONSTRAINT "interaction_contacts_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_members" ADD CONSTRAINT "interaction_members_workspace_id_interaction_id_interactions_workspace_id_id_fk" FOREIGN KEY ("workspace_id","interaction_id") REFERENCES "public"."interactions"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_members" ADD CONSTRAINT "interaction_members_workspace_id_member_id_members_workspace_id_id_fk" FOREIGN KEY ("workspace_id","member_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_needs" ADD CONSTRAINT "interaction_needs_workspace_id_interaction_id_interactions_workspace_id_id_fk" FOREIGN KEY ("workspace_id","interaction_id") REFERENCES "public"."interactions"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_needs" ADD CONSTRAINT "interaction_needs_workspace_id_need_id_needs_workspace_id_id_fk" FOREIGN KEY ("workspace_id","need_id") REFERENCES "public"."needs"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_workspace_id_created_by_id_members_workspace_id_id_fk" FOREIGN KEY ("workspace_id","created_by_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workspace_id_assignee_id_members_workspace_id_id_fk" FOREIGN KEY ("workspace_id","assignee_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_hash_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_member_idx" ON "calendar_feeds" USING btree ("workspace_id","member_id");--> statement-breakpoint
CREATE INDEX "cadence_rules_tier_idx" ON "cadence_rules" USING btree ("workspace_id","tier");--> statement-breakpoint
CREATE INDEX "cadence_rules_account_idx" ON "cadence_rules" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "interaction_contacts_contact_idx" ON "interaction_contacts" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "interaction_members_member_idx" ON "interaction_members" USING btree ("workspace_id","member_id");--> statement-breakpoint
CREATE INDEX "interaction_needs_need_idx" ON "interaction_needs" USING btree ("workspace_id","need_id");--> statement-breakpoint
CREATE INDEX "interactions_account_occurred_idx" ON "interactions" USING btree ("workspace_id","account_id","occurred_at");--> statement-breakpoint
CREATE INDEX "interactions_state_scheduled_idx" ON "interactions" USING btree ("workspace_id","state","scheduled_at");--> statement-breakpoint
CREATE INDEX "interactions_occurred_idx" ON "interactions" USING btree ("workspace_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_open_cause_key" ON "tasks" USING btree ("workspace_id","source","source_ref") WHERE "tasks"."status" = 'open' and "tasks"."source_ref" is not null;--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("workspace_id","assignee_id","status","due_at");--> statement-breakpoint
CREATE INDEX "tasks_account_idx" ON "tasks" USING btree ("workspace_id","account_id","status");--> statement-breakpoint
CREATE INDEX "tasks_status_due_idx" ON "tasks" USING btree ("workspace_id","status","due_at");