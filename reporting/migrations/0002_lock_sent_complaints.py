"""Sent complaints are locked by PostgreSQL itself.

After a complaint is sent, no UPDATE or DELETE of it, and no INSERT, UPDATE or DELETE of
its victims and suspects, succeeds unless the same transaction wrote a correction row
naming an active user whose role may correct records, with a reason. There is no session
setting that opens the lock: the application's role can neither disable triggers nor set
session_replication_role, and a correction it wrote stays forever (append-only).

Every change of a sent complaint or its children is also copied to reporting_rowchange
by an AFTER trigger, whatever the path.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION reporting_correction_open(target bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1
        FROM reporting_correction c
        JOIN administration_user u ON u.id = c.corrected_by_id AND u.is_active
        JOIN administration_role r ON r.id = u.role_id
        JOIN auth_group_permissions gp ON gp.group_id = r.group_id
        JOIN auth_permission p ON p.id = gp.permission_id AND p.codename = 'correct_records'
        WHERE c.complaint_id = target
          AND c.txid = txid_current()
          AND length(btrim(c.reason)) >= 10
    )
$$;

CREATE FUNCTION reporting_complaint_is_sent(target bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM reporting_complaint WHERE id = target AND status = 'sent')
$$;

CREATE FUNCTION reporting_guard_complaint() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'sent' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'RETA: complaint % is sent and cannot be deleted', OLD.number
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.status <> 'sent' OR NEW.number IS DISTINCT FROM OLD.number
       OR NEW.sent_at IS DISTINCT FROM OLD.sent_at THEN
        RAISE EXCEPTION 'RETA: complaint % keeps its number, date and status', OLD.number
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT reporting_correction_open(OLD.id) THEN
        RAISE EXCEPTION 'RETA: complaint % is sent and locked; only a correction may change it',
            OLD.number USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION reporting_guard_child() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target bigint;
BEGIN
    FOREACH target IN ARRAY ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN OLD.complaint_id END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.complaint_id END
    ] LOOP
        IF target IS NOT NULL AND reporting_complaint_is_sent(target)
           AND NOT reporting_correction_open(target) THEN
            RAISE EXCEPTION 'RETA: complaint % is sent and locked; only a correction may change it',
                target USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER complaint_lock BEFORE UPDATE OR DELETE ON reporting_complaint
    FOR EACH ROW EXECUTE FUNCTION reporting_guard_complaint();
CREATE TRIGGER victim_lock BEFORE INSERT OR UPDATE OR DELETE ON reporting_victim
    FOR EACH ROW EXECUTE FUNCTION reporting_guard_child();
CREATE TRIGGER suspect_lock BEFORE INSERT OR UPDATE OR DELETE ON reporting_suspect
    FOR EACH ROW EXECUTE FUNCTION reporting_guard_child();
CREATE TRIGGER complaint_no_truncate BEFORE TRUNCATE ON reporting_complaint
    FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change();
CREATE TRIGGER victim_no_truncate BEFORE TRUNCATE ON reporting_victim
    FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change();
CREATE TRIGGER suspect_no_truncate BEFORE TRUNCATE ON reporting_suspect
    FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change();

-- A correction's transaction id is the database's, never the writer's.
CREATE FUNCTION reporting_stamp_correction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.txid := txid_current();
    RETURN NEW;
END;
$$;
CREATE TRIGGER correction_stamp BEFORE INSERT ON reporting_correction
    FOR EACH ROW EXECUTE FUNCTION reporting_stamp_correction();
CREATE TRIGGER correction_append_only BEFORE UPDATE OR DELETE ON reporting_correction
    FOR EACH ROW EXECUTE FUNCTION reta_refuse_change();
CREATE TRIGGER correction_no_truncate BEFORE TRUNCATE ON reporting_correction
    FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change();

-- The history backstop: every change touching a sent complaint, whatever the path.
CREATE FUNCTION reporting_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_id bigint;
    target bigint;
BEGIN
    IF TG_TABLE_NAME = 'reporting_complaint' THEN
        IF COALESCE(NEW.status, OLD.status) <> 'sent' AND COALESCE(OLD.status, '') <> 'sent' THEN
            RETURN NULL;
        END IF;
        row_id := COALESCE(NEW.id, OLD.id);
    ELSE
        target := CASE WHEN TG_OP = 'DELETE' THEN OLD.complaint_id ELSE NEW.complaint_id END;
        IF NOT reporting_complaint_is_sent(target) THEN
            RETURN NULL;
        END IF;
        row_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
    END IF;
    INSERT INTO reporting_rowchange (
        "table", row_id, operation, old, new, txid, at, db_user
    ) VALUES (
        TG_TABLE_NAME, row_id, TG_OP,
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
        CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
        txid_current(), now(), current_user
    );
    RETURN NULL;
END;
$$;
CREATE TRIGGER complaint_history AFTER INSERT OR UPDATE OR DELETE ON reporting_complaint
    FOR EACH ROW EXECUTE FUNCTION reporting_log_change();
CREATE TRIGGER victim_history AFTER INSERT OR UPDATE OR DELETE ON reporting_victim
    FOR EACH ROW EXECUTE FUNCTION reporting_log_change();
CREATE TRIGGER suspect_history AFTER INSERT OR UPDATE OR DELETE ON reporting_suspect
    FOR EACH ROW EXECUTE FUNCTION reporting_log_change();
CREATE TRIGGER rowchange_append_only BEFORE UPDATE OR DELETE ON reporting_rowchange
    FOR EACH ROW EXECUTE FUNCTION reta_refuse_change();
CREATE TRIGGER rowchange_no_truncate BEFORE TRUNCATE ON reporting_rowchange
    FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change();
"""

BACKWARD = r"""
DROP TRIGGER rowchange_no_truncate ON reporting_rowchange;
DROP TRIGGER rowchange_append_only ON reporting_rowchange;
DROP TRIGGER suspect_history ON reporting_suspect;
DROP TRIGGER victim_history ON reporting_victim;
DROP TRIGGER complaint_history ON reporting_complaint;
DROP FUNCTION reporting_log_change();
DROP TRIGGER correction_no_truncate ON reporting_correction;
DROP TRIGGER correction_append_only ON reporting_correction;
DROP TRIGGER correction_stamp ON reporting_correction;
DROP FUNCTION reporting_stamp_correction();
DROP TRIGGER suspect_no_truncate ON reporting_suspect;
DROP TRIGGER victim_no_truncate ON reporting_victim;
DROP TRIGGER complaint_no_truncate ON reporting_complaint;
DROP TRIGGER suspect_lock ON reporting_suspect;
DROP TRIGGER victim_lock ON reporting_victim;
DROP TRIGGER complaint_lock ON reporting_complaint;
DROP FUNCTION reporting_guard_child();
DROP FUNCTION reporting_guard_complaint();
DROP FUNCTION reporting_complaint_is_sent(bigint);
DROP FUNCTION reporting_correction_open(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("administration", "0003_reference_data"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
