"""An audit event takes the place just after the chain's head, whoever writes it.

With the application's password alone, an event inserted at seq 9,223,372,036,854,775,807
(the largest bigint) left the next one nowhere to go: every sign-in and every page that
writes an event failed, and the application's role may not delete the row. A forged event
may still be inserted at the head's next place, where verify_audit names it; it can no
longer block the chain. An event without a place blocks nothing either: it is let in,
and verify_audit names it as inserted outside the application."""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION reta_audit_next_in_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    head bigint;
BEGIN
    IF NEW.seq IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT max(seq) INTO head FROM administration_auditevent;
    IF NEW.seq <> coalesce(head, 0) + 1 THEN
        RAISE EXCEPTION 'RETA: an audit event takes place % in the chain, not %',
            coalesce(head, 0) + 1, NEW.seq USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_next_in_chain
    BEFORE INSERT ON administration_auditevent
    FOR EACH ROW EXECUTE FUNCTION reta_audit_next_in_chain();
"""

BACKWARD = r"""
DROP TRIGGER audit_next_in_chain ON administration_auditevent;
DROP FUNCTION reta_audit_next_in_chain();
"""


class Migration(migrations.Migration):
    dependencies = [("administration", "0021_reference_history")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
