"""Close two holes the outside audit found in the lock.

1. A victim or suspect inserted into a draft by a transaction that commits after the send
   slipped into the sent complaint unrecorded. The child guard now locks the parent row
   (FOR SHARE): a send waits for such a transaction, and such a transaction waits for a send
   in progress and then sees the complaint sent.
2. The national-number counter was writable. Now the send itself moves it: when a draft
   becomes sent, the complaint's trigger takes the next number of the year and refuses
   any other; the counter accepts no other write (pg_trigger_depth tells the send's
   trigger from a direct UPDATE). Document counters only move on by one. No complaint is
   ever inserted already sent.

The number's format, RETA-<year>-<6 digits or more>, is the one of reporting/services.py.
"""

from django.db import migrations

FORWARD = r"""
CREATE OR REPLACE FUNCTION reporting_guard_child() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
DECLARE
    target bigint;
    parent_status text;
BEGIN
    FOREACH target IN ARRAY ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN OLD.complaint_id END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.complaint_id END
    ] LOOP
        CONTINUE WHEN target IS NULL;
        -- Waits for a send in progress (it holds FOR UPDATE) and reads the row it left.
        SELECT status INTO parent_status FROM reporting_complaint WHERE id = target FOR SHARE;
        IF parent_status = 'sent' AND NOT reporting_correction_open(target) THEN
            RAISE EXCEPTION 'RETA: complaint % is sent and locked; only a correction may change it',
                target USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE OR REPLACE FUNCTION reporting_guard_complaint() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
DECLARE
    sent_year int;
    taken bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'draft' THEN
            RAISE EXCEPTION 'RETA: a complaint is written as a draft and sent afterwards'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.status <> 'sent' THEN
        IF TG_OP = 'UPDATE' AND NEW.status = 'sent' THEN
            -- The send: this trigger, and nothing else, moves the year's counter on.
            IF NEW.number IS NULL OR NEW.number !~ '^RETA-[0-9]{4}-[0-9]{6,}$' THEN
                RAISE EXCEPTION 'RETA: a complaint is sent with a national number'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            sent_year := split_part(NEW.number, '-', 2)::int;
            INSERT INTO reporting_complaintnumber (year, last) VALUES (sent_year, 0)
                ON CONFLICT DO NOTHING;
            UPDATE reporting_complaintnumber n SET last = n.last + 1 WHERE n.year = sent_year
                RETURNING n.last INTO taken;
            IF NEW.number <> format('RETA-%s-%s', sent_year,
                                    lpad(taken::text, greatest(6, length(taken::text)), '0')) THEN
                RAISE EXCEPTION 'RETA: a complaint is sent with the next national number (%), not %',
                    taken, NEW.number USING ERRCODE = 'insufficient_privilege';
            END IF;
        END IF;
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

DROP TRIGGER complaint_lock ON reporting_complaint;
CREATE TRIGGER complaint_lock BEFORE INSERT OR UPDATE OR DELETE ON reporting_complaint
    FOR EACH ROW EXECUTE FUNCTION reporting_guard_complaint();

-- Counters (national numbers, document series) start at 0 and move on by one; the
-- national one only from within the send's trigger (a trigger depth above one).
CREATE FUNCTION reta_counter_moves_by_one() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.last = 0 THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.last = OLD.last + 1
       AND to_jsonb(NEW) - 'last' = to_jsonb(OLD) - 'last'
       AND (TG_TABLE_NAME <> 'reporting_complaintnumber' OR pg_trigger_depth() > 1) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'RETA: % on % refused: a counter starts at 0 and moves on by one, in its send',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER complaintnumber_by_one BEFORE INSERT OR UPDATE OR DELETE
    ON reporting_complaintnumber FOR EACH ROW EXECUTE FUNCTION reta_counter_moves_by_one();
CREATE TRIGGER complaintnumber_no_truncate BEFORE TRUNCATE ON reporting_complaintnumber
    FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change();
CREATE TRIGGER documentcounter_by_one BEFORE INSERT OR UPDATE OR DELETE
    ON reporting_documentcounter FOR EACH ROW EXECUTE FUNCTION reta_counter_moves_by_one();
CREATE TRIGGER documentcounter_no_truncate BEFORE TRUNCATE ON reporting_documentcounter
    FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change();

"""

BACKWARD = r"""
DROP TRIGGER documentcounter_no_truncate ON reporting_documentcounter;
DROP TRIGGER documentcounter_by_one ON reporting_documentcounter;
DROP TRIGGER complaintnumber_no_truncate ON reporting_complaintnumber;
DROP TRIGGER complaintnumber_by_one ON reporting_complaintnumber;
DROP FUNCTION reta_counter_moves_by_one();
DROP TRIGGER complaint_lock ON reporting_complaint;
CREATE TRIGGER complaint_lock BEFORE UPDATE OR DELETE ON reporting_complaint
    FOR EACH ROW EXECUTE FUNCTION reporting_guard_complaint();
"""


class Migration(migrations.Migration):
    dependencies = [("reporting", "0007_signed_corrections_and_history")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
