CREATE TABLE "member_preferences" (
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"daily_digest" boolean DEFAULT false NOT NULL,
	"digest_hour" integer DEFAULT 7 NOT NULL,
	"last_digest_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "member_preferences_workspace_id_member_id_pk" PRIMARY KEY("workspace_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "account_health" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"band" text NOT NULL,
	"trend" text NOT NULL,
	"top_concern" text,
	"components" jsonb NOT NULL,
	"inputs" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "account_health_workspace_id_account_id_pk" PRIMARY KEY("workspace_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "health_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_snapshots" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"band" text NOT NULL,
	"components" jsonb NOT NULL,
	"inputs" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "health_snapshots_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"score" integer,
	"comment" text,
	"responses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"editable_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "survey_answers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "survey_answers_score_check" CHECK ("survey_answers"."score" is null or ("survey_answers"."score" between 0 and 10))
);
--> statement-breakpoint
CREATE TABLE "survey_requests" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"about" text,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"outbox_message_id" uuid,
	"created_by_id" uuid,
	"answered_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "survey_requests_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"templates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"throttle_days" jsonb DEFAULT '{"nps":90,"csat":7,"check_in":30}'::jsonb NOT NULL,
	"expires_after_days" integer DEFAULT 14 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tone_corrections" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"tone_score_id" uuid NOT NULL,
	"from_label" text NOT NULL,
	"to_label" text NOT NULL,
	"note" text,
	"by_member_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "tone_corrections_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "tone_scores" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"text_hash" text NOT NULL,
	"language" text NOT NULL,
	"score" real NOT NULL,
	"label" text NOT NULL,
	"scorer" text NOT NULL,
	"subject_at" timestamp with time zone NOT NULL,
	"corrected_label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tone_scores_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "tone_language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_preferences" ADD CONSTRAINT "member_preferences_workspace_id_member_id_members_workspace_id_id_fk" FOREIGN KEY ("workspace_id","member_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_health" ADD CONSTRAINT "account_health_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_settings" ADD CONSTRAINT "health_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_snapshots" ADD CONSTRAINT "health_snapshots_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_workspace_id_request_id_survey_requests_workspace_id_id_fk" FOREIGN KEY ("workspace_id","request_id") REFERENCES "public"."survey_requests"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_requests" ADD CONSTRAINT "survey_requests_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_requests" ADD CONSTRAINT "survey_requests_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_requests" ADD CONSTRAINT "survey_requests_workspace_id_created_by_id_members_workspace_id_id_fk" FOREIGN KEY ("workspace_id","created_by_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_settings" ADD CONSTRAINT "survey_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tone_corrections" ADD CONSTRAINT "tone_corrections_workspace_id_tone_score_id_tone_scores_workspace_id_id_fk" FOREIGN KEY ("workspace_id","tone_score_id") REFERENCES "public"."tone_scores"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tone_corrections" ADD CONSTRAINT "tone_corrections_workspace_id_by_member_id_members_workspace_id_id_fk" FOREIGN KEY ("workspace_id","by_member_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tone_scores" ADD CONSTRAINT "tone_scores_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_health_score_idx" ON "account_health" USING btree ("workspace_id","score","account_id");--> statement-breakpoint
CREATE INDEX "account_health_band_idx" ON "account_health" USING btree ("workspace_id","band","score");--> statement-breakpoint
CREATE INDEX "health_snapshots_account_idx" ON "health_snapshots" USING btree ("workspace_id","account_id","computed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_answers_request_key" ON "survey_answers" USING btree ("workspace_id","request_id");--> statement-breakpoint
CREATE INDEX "survey_answers_account_idx" ON "survey_answers" USING btree ("workspace_id","account_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_answers_answered_idx" ON "survey_answers" USING btree ("workspace_id","answered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_requests_token_key" ON "survey_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "survey_requests_contact_idx" ON "survey_requests" USING btree ("workspace_id","contact_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "survey_requests_account_idx" ON "survey_requests" USING btree ("workspace_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "tone_corrections_score_idx" ON "tone_corrections" USING btree ("workspace_id","tone_score_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tone_scores_subject_key" ON "tone_scores" USING btree ("workspace_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "tone_scores_account_idx" ON "tone_scores" USING btree ("workspace_id","account_id","subject_at");