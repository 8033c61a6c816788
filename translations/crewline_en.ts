<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>QObject</name>
    <message>
        <source>Export %1</source>
        <translation>Export %1</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Could not write %1:
%2</source>
        <translation>Could not write %1:
%2</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Save chart</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Could not write %1</translation>
    </message>
    <message>
        <source>Export to Excel or CSV…</source>
        <translation>Export to Excel or CSV…</translation>
    </message>
</context>
<context>
    <name>crewline::client::AssignPicker</name>
    <message>
        <source>engineer</source>
        <translation>engineer</translation>
    </message>
    <message>
        <source>dispatcher</source>
        <translation>dispatcher</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>Assign %1</source>
        <translation>Assign %1</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message>
        <source>(current)</source>
        <translation>(current)</translation>
    </message>
    <message>
        <source>Type a name, team or role…</source>
        <translation>Type a name, team or role…</translation>
    </message>
    <message>
        <source>Note for the assignee (optional, internal)</source>
        <translation>Note for the assignee (optional, internal)</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Assign</translation>
    </message>
</context>
<context>
    <name>crewline::client::AttachmentTransfer</name>
    <message>
        <source>The file&apos;s checksum (SHA-256) does not match: it changed while it was being sent, or the stored copy is damaged.</source>
        <translation>The file&apos;s checksum (SHA-256) does not match: it changed while it was being sent, or the stored copy is damaged.</translation>
    </message>
    <message>
        <source>The file is larger than the server accepts (%1).</source>
        <translation>The file is larger than the server accepts (%1).</translation>
    </message>
    <message>
        <source>The file is larger than the server accepts.</source>
        <translation>The file is larger than the server accepts.</translation>
    </message>
    <message>
        <source>The server did not receive the whole file. Try again.</source>
        <translation>The server did not receive the whole file. Try again.</translation>
    </message>
    <message>
        <source>The ticket or the attachment no longer exists, or you may not see it.</source>
        <translation>The ticket or the attachment no longer exists, or you may not see it.</translation>
    </message>
    <message>
        <source>You may not do this.</source>
        <translation>You may not do this.</translation>
    </message>
    <message>
        <source>Too many transfers at once. Wait for one to finish.</source>
        <translation>Too many transfers at once. Wait for one to finish.</translation>
    </message>
    <message>
        <source>Not connected to the server. Try again when the connection is back.</source>
        <translation>Not connected to the server. Try again when the connection is back.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>The server sent the wrong part of the file.</source>
        <translation>The server sent the wrong part of the file.</translation>
    </message>
    <message>
        <source>The downloaded file does not match its checksum (SHA-256). It has been deleted; try again.</source>
        <translation>The downloaded file does not match its checksum (SHA-256). It has been deleted; try again.</translation>
    </message>
    <message>
        <source>The server stopped sending the file.</source>
        <translation>The server stopped sending the file.</translation>
    </message>
    <message>
        <source>Cannot replace %1.</source>
        <translation>Cannot replace %1.</translation>
    </message>
    <message>
        <source>Cannot save %1.</source>
        <translation>Cannot save %1.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
</context>
<context>
    <name>crewline::client::AttachmentsPanel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Added by</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>Cancel transfer</source>
        <translation>Cancel transfer</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Save attachment</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>User #%1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
    <message>
        <source>No application could open %1.</source>
        <translation>No application could open %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n more transfer(s) waiting.</source>
        <translation>
            <numerusform>%n more transfer waiting.</numerusform>
            <numerusform>%n more transfers waiting.</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation>Uploading %1…</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Downloading %1…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Attached %1 (%2).</source>
        <translation>Attached %1 (%2).</translation>
    </message>
    <message>
        <source>Saved %1 — checksum verified.</source>
        <translation>Saved %1 — checksum verified.</translation>
    </message>
    <message>
        <source>Opened %1 — checksum verified.</source>
        <translation>Opened %1 — checksum verified.</translation>
    </message>
</context>
<context>
    <name>crewline::client::BacklogTableModel</name>
    <message>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Age (h)</source>
        <translation>Age (h)</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
</context>
<context>
    <name>crewline::client::BoardMoves</name>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Callback result</source>
        <translation>Callback result</translation>
    </message>
    <message>
        <source>an assignee</source>
        <translation>an assignee</translation>
    </message>
    <message>
        <source>Assign to:</source>
        <translation>Assign to:</translation>
    </message>
    <message>
        <source>Why? (required)</source>
        <translation>Why? (required)</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Comment:</translation>
    </message>
    <message>
        <source>%1 is waiting for an approval and cannot move now.</source>
        <translation>%1 is waiting for an approval and cannot move now.</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>Assign…</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>%1 cannot go from “%2” to “%3”: the workflow has no such step for you.</source>
        <translation>%1 cannot go from “%2” to “%3”: the workflow has no such step for you.</translation>
    </message>
    <message>
        <source>%1 needs %2 before it can go to “%3”.</source>
        <translation>%1 needs %2 before it can go to “%3”.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n ticket(s))</source>
        <translation>
            <numerusform>%1 (%n ticket)</numerusform>
            <numerusform>%1 (%n tickets)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 → “%2”: %n ticket(s) sent.</source>
        <translation>
            <numerusform>%1 → “%2”: %n ticket sent.</numerusform>
            <numerusform>%1 → “%2”: %n tickets sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 → “%2”: %n ticket(s) sent; not possible for %3.</source>
        <translation>
            <numerusform>%1 → “%2”: %n ticket sent; not possible for %3.</numerusform>
            <numerusform>%1 → “%2”: %n tickets sent; not possible for %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crewline::client::BoardView</name>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>Show &amp;closed</source>
        <translation>Show &amp;closed</translation>
    </message>
    <message>
        <source>Smaller cards (Ctrl+-)</source>
        <translation>Smaller cards (Ctrl+-)</translation>
    </message>
    <message>
        <source>Larger cards (Ctrl+=)</source>
        <translation>Larger cards (Ctrl+=)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) in “%1”</source>
        <translation>
            <numerusform>%n ticket in “%1”</numerusform>
            <numerusform>%n tickets in “%1”</numerusform>
        </translation>
    </message>
    <message>
        <source>Only tickets of the type “%1” can go into these columns.</source>
        <translation>Only tickets of the type “%1” can go into these columns.</translation>
    </message>
</context>
<context>
    <name>crewline::client::CallbackView</name>
    <message>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Partly satisfied</source>
        <translation>Partly satisfied</translation>
    </message>
    <message>
        <source>Unresolved</source>
        <translation>Unresolved</translation>
    </message>
    <message>
        <source>Could not reach the customer</source>
        <translation>Could not reach the customer</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>Work order</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>Engineer</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>Callback</translation>
    </message>
    <message>
        <source>Whom you spoke to, and the number</source>
        <translation>Whom you spoke to, and the number</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>What the customer said</translation>
    </message>
    <message>
        <source>Customer&apos;s QR answer</source>
        <translation>Customer&apos;s QR answer</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Record callback</source>
        <translation>Record callback</translation>
    </message>
    <message>
        <source>Record and close</source>
        <translation>Record and close</translation>
    </message>
    <message>
        <source>Close ticket</source>
        <translation>Close ticket</translation>
    </message>
    <message>
        <source>Return to engineer…</source>
        <translation>Return to engineer…</translation>
    </message>
    <message>
        <source>Awaiting callback</source>
        <translation>Awaiting callback</translation>
    </message>
    <message>
        <source>Recorded: %1</source>
        <translation>Recorded: %1</translation>
    </message>
    <message>
        <source>Escalated by the customer</source>
        <translation>Escalated by the customer</translation>
    </message>
    <message>
        <source>No completed tickets are waiting for a callback.</source>
        <translation>No completed tickets are waiting for a callback.</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>None yet</translation>
    </message>
    <message>
        <source>Partly resolved</source>
        <translation>Partly resolved</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1 of 5</translation>
    </message>
    <message>
        <source>Return to engineer</source>
        <translation>Return to engineer</translation>
    </message>
    <message>
        <source>Why does %1 go back to the engineer?</source>
        <translation>Why does %1 go back to the engineer?</translation>
    </message>
</context>
<context>
    <name>crewline::client::ConflictDialog</name>
    <message>
        <source>Someone else changed %1</source>
        <translation>Someone else changed %1</translation>
    </message>
    <message>
        <source>Your change was not applied: %1 changed after you looked at it (you saw version %2, it is now at version %3).</source>
        <translation>Your change was not applied: %1 changed after you looked at it (you saw version %2, it is now at version %3).</translation>
    </message>
    <message>
        <source>Your change: %1</source>
        <translation>Your change: %1</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>When you acted</source>
        <translation>When you acted</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>Looking up who changed it…</source>
        <translation>Looking up who changed it…</translation>
    </message>
    <message>
        <source>Re-apply my change</source>
        <translation>Re-apply my change</translation>
    </message>
    <message>
        <source>Send the same change again, based on the current version.</source>
        <translation>Send the same change again, based on the current version.</translation>
    </message>
    <message>
        <source>Drop my change</source>
        <translation>Drop my change</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Decide later</translation>
    </message>
    <message>
        <source>Keep the refused change in the list of pending actions.</source>
        <translation>Keep the refused change in the list of pending actions.</translation>
    </message>
    <message>
        <source>assign to %1</source>
        <translation>assign to %1</translation>
    </message>
    <message>
        <source>edit: %1</source>
        <translation>edit: %1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>User #%1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Requester contact</source>
        <translation>Requester contact</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>Pending approval</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>(not known)</translation>
    </message>
    <message>
        <source>Could not read the ticket&apos;s history: %1</source>
        <translation>Could not read the ticket&apos;s history: %1</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Changed by: not recorded.</source>
        <translation>Changed by: not recorded.</translation>
    </message>
    <message>
        <source>Changed by:</source>
        <translation>Changed by:</translation>
    </message>
</context>
<context>
    <name>crewline::client::Connection</name>
    <message>
        <source>The server did not answer in time.</source>
        <translation>The server did not answer in time.</translation>
    </message>
    <message>
        <source>Offline.</source>
        <translation>Offline.</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>The connection was lost.</translation>
    </message>
    <message>
        <source>Not connected to the server.</source>
        <translation>Not connected to the server.</translation>
    </message>
</context>
<context>
    <name>crewline::client::ConversationView</name>
    <message>
        <source>Internal note</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <source>Public reply</source>
        <translation>Public reply</translation>
    </message>
    <message>
        <source>Only staff can see this note; the requester cannot.</source>
        <translation>Only staff can see this note; the requester cannot.</translation>
    </message>
    <message>
        <source>Title of the new ticket (optional)</source>
        <translation>Title of the new ticket (optional)</translation>
    </message>
    <message>
        <source>Split into new ticket</source>
        <translation>Split into new ticket</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Add a note only staff can see (%1)</source>
        <translation>Add a note only staff can see (%1)</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Send a reply the requester can read (%1)</source>
        <translation>Send a reply the requester can read (%1)</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>%1 · %2 · via %3</source>
        <translation>%1 · %2 · via %3</translation>
    </message>
    <message>
        <source>Move this message to the new ticket</source>
        <translation>Move this message to the new ticket</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>(moved from another ticket)</source>
        <translation>(moved from another ticket)</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
    <message>
        <source>Sending… (not confirmed yet)</source>
        <translation>Sending… (not confirmed yet)</translation>
    </message>
    <message>
        <source>Internal note — only staff can see it (%1)</source>
        <translation>Internal note — only staff can see it (%1)</translation>
    </message>
    <message>
        <source>Reply to the requester — public (%1)</source>
        <translation>Reply to the requester — public (%1)</translation>
    </message>
    <message>
        <source>Write an internal note…</source>
        <translation>Write an internal note…</translation>
    </message>
    <message>
        <source>Write a reply…</source>
        <translation>Write a reply…</translation>
    </message>
    <message>
        <source>Send as a public reply?</source>
        <translation>Send as a public reply?</translation>
    </message>
    <message>
        <source>You started this as an internal note. Send it as a public reply that the requester can read?</source>
        <translation>You started this as an internal note. Send it as a public reply that the requester can read?</translation>
    </message>
    <message numerus="yes">
        <source>Tick the messages to move: %n selected</source>
        <translation>
            <numerusform>Tick the messages to move: %n selected</numerusform>
            <numerusform>Tick the messages to move: %n selected</numerusform>
        </translation>
    </message>
    <message>
        <source>Attached: %1 (%2)</source>
        <translation>Attached: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>crewline::client::DashboardChart</name>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation>Save chart as PNG…</translation>
    </message>
</context>
<context>
    <name>crewline::client::DashboardView</name>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>By day</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>By week</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>By month</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <source>T&amp;eam:</source>
        <translation>T&amp;eam:</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Open backlog</source>
        <translation>Open backlog</translation>
    </message>
    <message>
        <source>First response (mean)</source>
        <translation>First response (mean)</translation>
    </message>
    <message>
        <source>Resolution time (mean)</source>
        <translation>Resolution time (mean)</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA met</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Volume: created vs resolved</source>
        <translation>Volume: created vs resolved</translation>
    </message>
    <message>
        <source>Share by category</source>
        <translation>Share by category</translation>
    </message>
    <message>
        <source>Share by type</source>
        <translation>Share by type</translation>
    </message>
    <message>
        <source>SLA compliance by type</source>
        <translation>SLA compliance by type</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Drill-down</source>
        <translation>Drill-down</translation>
    </message>
    <message>
        <source>By type</source>
        <translation>By type</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>By department</translation>
    </message>
    <message>
        <source>By team</source>
        <translation>By team</translation>
    </message>
    <message>
        <source>By engineer</source>
        <translation>By engineer</translation>
    </message>
    <message>
        <source>Staff leaderboard</source>
        <translation>Staff leaderboard</translation>
    </message>
    <message>
        <source>Leaderboard</source>
        <translation>Leaderboard</translation>
    </message>
    <message>
        <source>Backlog TOP 10: most urgent, then oldest</source>
        <translation>Backlog TOP 10: most urgent, then oldest</translation>
    </message>
    <message>
        <source>Double-click a ticket to open it.</source>
        <translation>Double-click a ticket to open it.</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Backlog</translation>
    </message>
    <message>
        <source>Could not load the figures: %1</source>
        <translation>Could not load the figures: %1</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>All teams</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>type: %1</source>
        <translation>type: %1</translation>
    </message>
    <message>
        <source>department: %1</source>
        <translation>department: %1</translation>
    </message>
    <message>
        <source>team: %1</source>
        <translation>team: %1</translation>
    </message>
    <message>
        <source>P50 %1 · P90 %2</source>
        <translation>P50 %1 · P90 %2</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>no data</translation>
    </message>
    <message>
        <source>previous: %1</source>
        <translation>previous: %1</translation>
    </message>
    <message>
        <source>closed: %1</source>
        <translation>closed: %1</translation>
    </message>
    <message>
        <source>open tickets now</source>
        <translation>open tickets now</translation>
    </message>
    <message>
        <source>met %1 · missed %2</source>
        <translation>met %1 · missed %2</translation>
    </message>
    <message numerus="yes">
        <source>%n rating(s)</source>
        <translation>
            <numerusform>%n rating</numerusform>
            <numerusform>%n ratings</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>SLA missed</source>
        <translation>SLA missed</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>Engineer</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>No team</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Crewline dashboard</source>
        <translation>Crewline dashboard</translation>
    </message>
    <message>
        <source>Print dashboard</source>
        <translation>Print dashboard</translation>
    </message>
</context>
<context>
    <name>crewline::client::FiguresTableModel</name>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>Engineer</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>Mean handling time (h)</source>
        <translation>Mean handling time (h)</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>First response, mean (h)</source>
        <translation>First response, mean (h)</translation>
    </message>
    <message>
        <source>First response, P90 (h)</source>
        <translation>First response, P90 (h)</translation>
    </message>
    <message>
        <source>Resolution, mean (h)</source>
        <translation>Resolution, mean (h)</translation>
    </message>
    <message>
        <source>Resolution, P90 (h)</source>
        <translation>Resolution, P90 (h)</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA met</translation>
    </message>
    <message>
        <source>Mean handling time</source>
        <translation>Mean handling time</translation>
    </message>
    <message>
        <source>First response, mean</source>
        <translation>First response, mean</translation>
    </message>
    <message>
        <source>First response, P90</source>
        <translation>First response, P90</translation>
    </message>
    <message>
        <source>Resolution, mean</source>
        <translation>Resolution, mean</translation>
    </message>
    <message>
        <source>Resolution, P90</source>
        <translation>Resolution, P90</translation>
    </message>
</context>
<context>
    <name>crewline::client::HeatMapWidget</name>
    <message>
        <source>Arrivals by weekday and hour</source>
        <translation>Arrivals by weekday and hour</translation>
    </message>
</context>
<context>
    <name>crewline::client::HistoryView</name>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Change / reason</source>
        <translation>Change / reason</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Workflow step</source>
        <translation>Workflow step</translation>
    </message>
    <message>
        <source>Asked for approval</source>
        <translation>Asked for approval</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Approval rejected</source>
        <translation>Approval rejected</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Resumed</translation>
    </message>
    <message>
        <source>Urged</source>
        <translation>Urged</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Split</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>Linked</translation>
    </message>
    <message>
        <source>Unlinked</source>
        <translation>Unlinked</translation>
    </message>
    <message>
        <source>Attached a file</source>
        <translation>Attached a file</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Suspended from</source>
        <translation>Suspended from</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Urge count</source>
        <translation>Urge count</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>Pending approval</translation>
    </message>
    <message>
        <source>Merged into</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Messages moved</source>
        <translation>Messages moved</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>User #%1</translation>
    </message>
    <message>
        <source>Team #%1</source>
        <translation>Team #%1</translation>
    </message>
    <message>
        <source>%1 (needs a %2)</source>
        <translation>%1 (needs a %2)</translation>
    </message>
    <message>
        <source>Dispatched automatically</source>
        <translation>Dispatched automatically</translation>
    </message>
    <message>
        <source>Automatic dispatch found nobody</source>
        <translation>Automatic dispatch found nobody</translation>
    </message>
    <message>
        <source>Offered to several engineers</source>
        <translation>Offered to several engineers</translation>
    </message>
    <message>
        <source>Put in the claim pool</source>
        <translation>Put in the claim pool</translation>
    </message>
    <message>
        <source>Routed to a team</source>
        <translation>Routed to a team</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <source>Re-dispatched: not accepted in time</source>
        <translation>Re-dispatched: not accepted in time</translation>
    </message>
    <message>
        <source>Not accepted in time: supervisor told</source>
        <translation>Not accepted in time: supervisor told</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>claim pool</source>
        <translation>claim pool</translation>
    </message>
    <message>
        <source>offered to %1</source>
        <translation>offered to %1</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>assigned</translation>
    </message>
    <message>
        <source>emergency: %1</source>
        <translation>emergency: %1</translation>
    </message>
    <message>
        <source>accept by %1</source>
        <translation>accept by %1</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Customer confirmed (QR)</source>
        <translation>Customer confirmed (QR)</translation>
    </message>
    <message>
        <source>Printed version</source>
        <translation>Printed version</translation>
    </message>
</context>
<context>
    <name>crewline::client::KpiTile</name>
    <message>
        <source>No figures for the previous period</source>
        <translation>No figures for the previous period</translation>
    </message>
    <message>
        <source>Compared with the previous period of the same length</source>
        <translation>Compared with the previous period of the same length</translation>
    </message>
</context>
<context>
    <name>crewline::client::LoginDialog</name>
    <message>
        <source>Sign in to Crewline</source>
        <translation>Sign in to Crewline</translation>
    </message>
    <message>
        <source>Remember the password in the desktop keychain</source>
        <translation>Remember the password in the desktop keychain</translation>
    </message>
    <message>
        <source>This build has no keychain support.</source>
        <translation>This build has no keychain support.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>The server address must look like ws://host:port or wss://host:port.</source>
        <translation>The server address must look like ws://host:port or wss://host:port.</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Enter your user name and password.</translation>
    </message>
</context>
<context>
    <name>crewline::client::MainWindow</name>
    <message>
        <source>Crewline</source>
        <translation>Crewline</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Queue board</source>
        <translation>Queue board</translation>
    </message>
    <message>
        <source>My work</source>
        <translation>My work</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Pending actions</source>
        <translation>Pending actions</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) loaded</source>
        <translation>
            <numerusform>%n ticket loaded</numerusform>
            <numerusform>%n tickets loaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loading tickets… %n</source>
        <translation>
            <numerusform>Loading tickets… %n</numerusform>
            <numerusform>Loading tickets… %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused by the server: %1 — %2</source>
        <translation>Refused by the server: %1 — %2</translation>
    </message>
    <message>
        <source>Change refused</source>
        <translation>Change refused</translation>
    </message>
    <message>
        <source>The server refused “%1”.</source>
        <translation>The server refused “%1”.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;New ticket…</source>
        <translation>&amp;New ticket…</translation>
    </message>
    <message>
        <source>Work &amp;offline</source>
        <translation>Work &amp;offline</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>&amp;Search tickets</source>
        <translation>&amp;Search tickets</translation>
    </message>
    <message>
        <source>&amp;Next ticket</source>
        <translation>&amp;Next ticket</translation>
    </message>
    <message>
        <source>&amp;Previous ticket</source>
        <translation>&amp;Previous ticket</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>My open</source>
        <translation>My open</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Urgent today</source>
        <translation>Urgent today</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>&amp;Ticket</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;About Crewline</source>
        <translation>&amp;About Crewline</translation>
    </message>
    <message>
        <source>About Crewline</source>
        <translation>About Crewline</translation>
    </message>
    <message>
        <source>&lt;b&gt;Crewline&lt;/b&gt; %1&lt;br&gt;Work-order dispatch console.&lt;br&gt;GPL-3.0-or-later.</source>
        <translation>&lt;b&gt;Crewline&lt;/b&gt; %1&lt;br&gt;Work-order dispatch console.&lt;br&gt;GPL-3.0-or-later.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Crewline — %1</source>
        <translation>Crewline — %1</translation>
    </message>
    <message>
        <source>Unsent changes</source>
        <translation>Unsent changes</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached the server yet. They are kept and sent the next time you sign in. Quit anyway?</source>
        <translation>
            <numerusform>%n change has not reached the server yet. It is kept and sent the next time you sign in. Quit anyway?</numerusform>
            <numerusform>%n changes have not reached the server yet. They are kept and sent the next time you sign in. Quit anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnecting…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be confirmed</source>
        <translation>
            <numerusform>%n change waiting to be confirmed</numerusform>
            <numerusform>%n changes waiting to be confirmed</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>The language changes the next time Crewline starts.</source>
        <translation>The language changes the next time Crewline starts.</translation>
    </message>
    <message>
        <source>requester</source>
        <translation>requester</translation>
    </message>
    <message>
        <source>dispatcher</source>
        <translation>dispatcher</translation>
    </message>
    <message>
        <source>engineer</source>
        <translation>engineer</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>manager</translation>
    </message>
    <message>
        <source>auditor</source>
        <translation>auditor</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation>&amp;Map</translation>
    </message>
    <message>
        <source>Callbacks (回访)</source>
        <translation>Callbacks (回访)</translation>
    </message>
    <message>
        <source>&amp;Export ticket list…</source>
        <translation>&amp;Export ticket list…</translation>
    </message>
    <message>
        <source>Manager &amp;dashboard</source>
        <translation>Manager &amp;dashboard</translation>
    </message>
    <message>
        <source>Board &amp;alarm thresholds…</source>
        <translation>Board &amp;alarm thresholds…</translation>
    </message>
    <message>
        <source>&amp;Print work orders…</source>
        <translation>&amp;Print work orders…</translation>
    </message>
    <message>
        <source>&amp;Export work orders to PDF…</source>
        <translation>&amp;Export work orders to PDF…</translation>
    </message>
    <message>
        <source>Print &amp;crew sheet…</source>
        <translation>Print &amp;crew sheet…</translation>
    </message>
    <message>
        <source>Export crew sheet to PDF…</source>
        <translation>Export crew sheet to PDF…</translation>
    </message>
    <message>
        <source>Print settings…</source>
        <translation>Print settings…</translation>
    </message>
    <message>
        <source>Your role has no dashboard.</source>
        <translation>Your role has no dashboard.</translation>
    </message>
    <message>
        <source>Crewline — manager dashboard</source>
        <translation>Crewline — manager dashboard</translation>
    </message>
    <message>
        <source>Board alarm thresholds</source>
        <translation>Board alarm thresholds</translation>
    </message>
    <message>
        <source>Show alarms on the board and in the ticket list</source>
        <translation>Show alarms on the board and in the ticket list</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Not accepted for more than (red):</source>
        <translation>Not accepted for more than (red):</translation>
    </message>
    <message>
        <source>Open for more than (flashing):</source>
        <translation>Open for more than (flashing):</translation>
    </message>
    <message>
        <source>Rating below (highlighted):</source>
        <translation>Rating below (highlighted):</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Ticket list as filtered on %1</source>
        <translation>Ticket list as filtered on %1</translation>
    </message>
</context>
<context>
    <name>crewline::client::MapPanel</name>
    <message>
        <source>distance unknown</source>
        <translation>distance unknown</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>Zoom to fit</source>
        <translation>Zoom to fit</translation>
    </message>
    <message>
        <source>Show every ticket and person on the map (F)</source>
        <translation>Show every ticket and person on the map (F)</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Layers</translation>
    </message>
    <message>
        <source>Trails</source>
        <translation>Trails</translation>
    </message>
    <message>
        <source>Where each person went in the last hour</source>
        <translation>Where each person went in the last hour</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Group nearby markers when zoomed out</source>
        <translation>Group nearby markers when zoomed out</translation>
    </message>
    <message>
        <source>Map settings…</source>
        <translation>Map settings…</translation>
    </message>
    <message>
        <source>Press 1–9 on the map, Enter here, or double-click to dispatch</source>
        <translation>Press 1–9 on the map, Enter here, or double-click to dispatch</translation>
    </message>
    <message>
        <source>Base map: %1 The plain grid is shown instead.</source>
        <translation>Base map: %1 The plain grid is shown instead.</translation>
    </message>
    <message>
        <source>Overlay %1 not loaded: %2</source>
        <translation>Overlay %1 not loaded: %2</translation>
    </message>
    <message>
        <source>Overlays</source>
        <translation>Overlays</translation>
    </message>
    <message>
        <source>No overlay files (see Map settings)</source>
        <translation>No overlay files (see Map settings)</translation>
    </message>
    <message>
        <source>%1 has no location: it is not on the map.</source>
        <translation>%1 has no location: it is not on the map.</translation>
    </message>
    <message>
        <source>Select a ticket to see who could take it.</source>
        <translation>Select a ticket to see who could take it.</translation>
    </message>
    <message>
        <source>Ranking…</source>
        <translation>Ranking…</translation>
    </message>
    <message>
        <source>Nobody on duty with a known position.</source>
        <translation>Nobody on duty with a known position.</translation>
    </message>
    <message numerus="yes">
        <source>%1. %2 — %3, score %4
%5 · %n open</source>
        <translation>
            <numerusform>%1. %2 — %3, score %4
%5 · %n open</numerusform>
            <numerusform>%1. %2 — %3, score %4
%5 · %n open</numerusform>
        </translation>
    </message>
    <message>
        <source>position is old</source>
        <translation>position is old</translation>
    </message>
    <message>
        <source>frozen for today</source>
        <translation>frozen for today</translation>
    </message>
    <message>
        <source>Estimated by the console from distance and open tickets: the server gave no ranking.</source>
        <translation>Estimated by the console from distance and open tickets: the server gave no ranking.</translation>
    </message>
    <message>
        <source>distance</source>
        <translation>distance</translation>
    </message>
    <message>
        <source>workload</source>
        <translation>workload</translation>
    </message>
    <message>
        <source>skills</source>
        <translation>skills</translation>
    </message>
    <message>
        <source>team</source>
        <translation>team</translation>
    </message>
    <message>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <source>position age</source>
        <translation>position age</translation>
    </message>
    <message>
        <source>Score %1 =</source>
        <translation>Score %1 =</translation>
    </message>
    <message>
        <source>Dispatched from the map: candidate %1, %2 away, score %3</source>
        <translation>Dispatched from the map: candidate %1, %2 away, score %3</translation>
    </message>
    <message>
        <source>You may not dispatch this ticket.</source>
        <translation>You may not dispatch this ticket.</translation>
    </message>
    <message>
        <source>Dispatching %1 to %2…</source>
        <translation>Dispatching %1 to %2…</translation>
    </message>
    <message>
        <source>Assigned on the map</source>
        <translation>Assigned on the map</translation>
    </message>
    <message numerus="yes">
        <source>Assigning %n ticket(s) to %1…</source>
        <translation>
            <numerusform>Assigning %n ticket to %1…</numerusform>
            <numerusform>Assigning %n tickets to %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>You may not assign these tickets.</source>
        <translation>You may not assign these tickets.</translation>
    </message>
</context>
<context>
    <name>crewline::client::MapRenderer</name>
    <message>
        <source>%1 · offline since %2</source>
        <translation>%1 · offline since %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
</context>
<context>
    <name>crewline::client::MapSettingsDialog</name>
    <message>
        <source>Map settings</source>
        <translation>Map settings</translation>
    </message>
    <message>
        <source>Plain grid (works offline)</source>
        <translation>Plain grid (works offline)</translation>
    </message>
    <message>
        <source>Tile server (XYZ URL)</source>
        <translation>Tile server (XYZ URL)</translation>
    </message>
    <message>
        <source>Offline MBTiles file</source>
        <translation>Offline MBTiles file</translation>
    </message>
    <message>
        <source>Base map:</source>
        <translation>Base map:</translation>
    </message>
    <message>
        <source>Tile URL:</source>
        <translation>Tile URL:</translation>
    </message>
    <message>
        <source>Attribution:</source>
        <translation>Attribution:</translation>
    </message>
    <message>
        <source>Tiles are cached on disk and fetched only for what is on screen. Public OpenStreetMap tiles require the attribution shown and forbid bulk downloads; use your own tile server for many consoles. Tiles from Chinese providers use GCJ-02 coordinates and are shifted against GPS positions.</source>
        <translation>Tiles are cached on disk and fetched only for what is on screen. Public OpenStreetMap tiles require the attribution shown and forbid bulk downloads; use your own tile server for many consoles. Tiles from Chinese providers use GCJ-02 coordinates and are shifted against GPS positions.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>MBTiles file</source>
        <translation>MBTiles file</translation>
    </message>
    <message>
        <source>MBTiles (*.mbtiles);;All files (*)</source>
        <translation>MBTiles (*.mbtiles);;All files (*)</translation>
    </message>
    <message>
        <source>MBTiles file:</source>
        <translation>MBTiles file:</translation>
    </message>
    <message>
        <source>Overlay layers (GeoJSON):</source>
        <translation>Overlay layers (GeoJSON):</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Demo layers</source>
        <translation>Demo layers</translation>
    </message>
    <message>
        <source>GeoJSON files</source>
        <translation>GeoJSON files</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json);;All files (*)</source>
        <translation>GeoJSON (*.geojson *.json);;All files (*)</translation>
    </message>
    <message>
        <source>Say whose map data the tiles show (attribution): tile providers require it.</source>
        <translation>Say whose map data the tiles show (attribution): tile providers require it.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>crewline::client::MapSnapshot</name>
    <message>
        <source>No location recorded</source>
        <translation>No location recorded</translation>
    </message>
</context>
<context>
    <name>crewline::client::MapWidget</name>
    <message>
        <source>zoom %1</source>
        <translation>zoom %1</translation>
    </message>
    <message>
        <source>%1 priority, open for %2</source>
        <translation>%1 priority, open for %2</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <source>Drag onto a person to assign</source>
        <translation>Drag onto a person to assign</translation>
    </message>
    <message numerus="yes">
        <source>%n open ticket(s)</source>
        <translation>
            <numerusform>%n open ticket</numerusform>
            <numerusform>%n open tickets</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>Offline since %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Position %1 ago, ±%2 m</source>
        <translation>Position %1 ago, ±%2 m</translation>
    </message>
    <message numerus="yes">
        <source>%n open ticket(s) here: click to zoom in</source>
        <translation>
            <numerusform>%n open ticket here: click to zoom in</numerusform>
            <numerusform>%n open tickets here: click to zoom in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people here: click to zoom in</source>
        <translation>
            <numerusform>%n person here: click to zoom in</numerusform>
            <numerusform>%n people here: click to zoom in</numerusform>
        </translation>
    </message>
    <message>
        <source>Click or press %1 to dispatch to this person</source>
        <translation>Click or press %1 to dispatch to this person</translation>
    </message>
</context>
<context>
    <name>crewline::client::MergeDialog</name>
    <message>
        <source>Merge duplicates into %1</source>
        <translation>Merge duplicates into %1</translation>
    </message>
    <message>
        <source>The duplicates&apos; messages, attachments and history move to %1 (“%2”); the duplicates are closed and point to it.</source>
        <translation>The duplicates&apos; messages, attachments and history move to %1 (“%2”); the duplicates are closed and point to it.</translation>
    </message>
    <message>
        <source>Ticket numbers of the duplicates (separated by spaces or commas):</source>
        <translation>Ticket numbers of the duplicates (separated by spaces or commas):</translation>
    </message>
    <message>
        <source>e.g. WO-2026-000123, WO-2026-000131</source>
        <translation>e.g. WO-2026-000123, WO-2026-000131</translation>
    </message>
    <message>
        <source>Possible duplicates (Enter or double-click adds one):</source>
        <translation>Possible duplicates (Enter or double-click adds one):</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>not found among the loaded tickets</source>
        <translation>not found among the loaded tickets</translation>
    </message>
    <message>
        <source>is the ticket you merge into</source>
        <translation>is the ticket you merge into</translation>
    </message>
    <message>
        <source>was already merged</source>
        <translation>was already merged</translation>
    </message>
    <message>
        <source>is listed twice</source>
        <translation>is listed twice</translation>
    </message>
</context>
<context>
    <name>crewline::client::NewTicketDialog</name>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <source>Hotline (phone)</source>
        <translation>Hotline (phone)</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Web form</source>
        <translation>Web form</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Field report</source>
        <translation>Field report</translation>
    </message>
    <message>
        <source>QR code page</source>
        <translation>QR code page</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>New ticket</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <source>One line is enough</source>
        <translation>One line is enough</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priority:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Category:</translation>
    </message>
    <message>
        <source>Depa&amp;rtment:</source>
        <translation>Depa&amp;rtment:</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Phone or e-mail</translation>
    </message>
    <message>
        <source>Re&amp;quester:</source>
        <translation>Re&amp;quester:</translation>
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation>C&amp;ontact:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>Latitude, longitude (optional), e.g. 31.2304, 121.4737</source>
        <translation>Latitude, longitude (optional), e.g. 31.2304, 121.4737</translation>
    </message>
    <message>
        <source>Coordi&amp;nates:</source>
        <translation>Coordi&amp;nates:</translation>
    </message>
    <message>
        <source>(decided by the rules)</source>
        <translation>(decided by the rules)</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>C&amp;hannel:</translation>
    </message>
    <message>
        <source>Tea&amp;m:</source>
        <translation>Tea&amp;m:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Write a title or a description.</source>
        <translation>Write a title or a description.</translation>
    </message>
    <message>
        <source>Coordinates are latitude and longitude in degrees, e.g. 31.2304, 121.4737.</source>
        <translation>Coordinates are latitude and longitude in degrees, e.g. 31.2304, 121.4737.</translation>
    </message>
    <message>
        <source>The description is too long.</source>
        <translation>The description is too long.</translation>
    </message>
    <message>
        <source>The ticket could not be queued: you are not signed in.</source>
        <translation>The ticket could not be queued: you are not signed in.</translation>
    </message>
</context>
<context>
    <name>crewline::client::NotificationPanel</name>
    <message>
        <source>Mark all read</source>
        <translation>Mark all read</translation>
    </message>
</context>
<context>
    <name>crewline::client::Outbox</name>
    <message>
        <source>%1 — refused: %2</source>
        <translation>%1 — refused: %2</translation>
    </message>
    <message>
        <source>%1 — sending…</source>
        <translation>%1 — sending…</translation>
    </message>
    <message>
        <source>%1 — waiting to be sent</source>
        <translation>%1 — waiting to be sent</translation>
    </message>
</context>
<context>
    <name>crewline::client::PendingPanel</name>
    <message>
        <source>Dismiss refused action</source>
        <translation>Dismiss refused action</translation>
    </message>
    <message>
        <source>Changes made while offline wait here and are sent, once, when the connection is back.</source>
        <translation>Changes made while offline wait here and are sent, once, when the connection is back.</translation>
    </message>
</context>
<context>
    <name>crewline::client::Presence</name>
    <message>
        <source>%1 is replying</source>
        <translation>%1 is replying</translation>
    </message>
    <message>
        <source>%1 is viewing</source>
        <translation>%1 is viewing</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n more</numerusform>
            <numerusform>+%n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crewline::client::StaffModel</name>
    <message>
        <source>Engineer</source>
        <translation>Engineer</translation>
    </message>
    <message>
        <source>Dispatcher</source>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>En route</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>On site</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>Off duty</translation>
    </message>
    <message numerus="yes">
        <source>%n open ticket(s)</source>
        <translation>
            <numerusform>%n open ticket</numerusform>
            <numerusform>%n open tickets</numerusform>
        </translation>
    </message>
    <message>
        <source>Skills: %1</source>
        <translation>Skills: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Skills</translation>
    </message>
    <message>
        <source>Frozen for today: not dispatched automatically</source>
        <translation>Frozen for today: not dispatched automatically</translation>
    </message>
</context>
<context>
    <name>crewline::client::StaffPanel</name>
    <message>
        <source>Search name, team, skill…</source>
        <translation>Search name, team, skill…</translation>
    </message>
    <message>
        <source>On &amp;duty only</source>
        <translation>On &amp;duty only</translation>
    </message>
    <message>
        <source>Drop tickets on a person to assign them.</source>
        <translation>Drop tickets on a person to assign them.</translation>
    </message>
    <message>
        <source>Your role may not assign tickets.</source>
        <translation>Your role may not assign tickets.</translation>
    </message>
    <message numerus="yes">
        <source>Assigning %n ticket(s) to %1.</source>
        <translation>
            <numerusform>Assigning %n ticket to %1.</numerusform>
            <numerusform>Assigning %n tickets to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: %1 is off duty.</source>
        <translation>Note: %1 is off duty.</translation>
    </message>
    <message>
        <source>Not possible for %1 (closed, suspended or not loaded).</source>
        <translation>Not possible for %1 (closed, suspended or not loaded).</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketActions</name>
    <message>
        <source>&amp;Assign…</source>
        <translation>&amp;Assign…</translation>
    </message>
    <message>
        <source>Accep&amp;t</source>
        <translation>Accep&amp;t</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Reply</translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation>Internal &amp;note</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Send reply</translation>
    </message>
    <message>
        <source>Add internal note</source>
        <translation>Add internal note</translation>
    </message>
    <message>
        <source>&amp;Suspend…</source>
        <translation>&amp;Suspend…</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Res&amp;ume</translation>
    </message>
    <message>
        <source>Ur&amp;ge</source>
        <translation>Ur&amp;ge</translation>
    </message>
    <message>
        <source>S&amp;plit…</source>
        <translation>S&amp;plit…</translation>
    </message>
    <message>
        <source>&amp;Merge duplicates…</source>
        <translation>&amp;Merge duplicates…</translation>
    </message>
    <message>
        <source>Appro&amp;ve</source>
        <translation>Appro&amp;ve</translation>
    </message>
    <message>
        <source>Re&amp;ject approval…</source>
        <translation>Re&amp;ject approval…</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>Re&amp;open…</translation>
    </message>
    <message>
        <source>Attach &amp;file…</source>
        <translation>Attach &amp;file…</translation>
    </message>
    <message>
        <source>Save ticket details</source>
        <translation>Save ticket details</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Resolve…</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>Complete…</translation>
    </message>
    <message>
        <source>Confirm…</source>
        <translation>Confirm…</translation>
    </message>
    <message>
        <source>Reject back…</source>
        <translation>Reject back…</translation>
    </message>
    <message>
        <source>Record callback…</source>
        <translation>Record callback…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>Cancel ticket…</source>
        <translation>Cancel ticket…</translation>
    </message>
    <message>
        <source>Arrived on site</source>
        <translation>Arrived on site</translation>
    </message>
    <message>
        <source>Decline…</source>
        <translation>Decline…</translation>
    </message>
    <message>
        <source>Return to queue…</source>
        <translation>Return to queue…</translation>
    </message>
    <message>
        <source>Return to engineer…</source>
        <translation>Return to engineer…</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketCardDelegate</name>
    <message>
        <source>unaccepted %1</source>
        <translation>unaccepted %1</translation>
    </message>
    <message>
        <source>open %1</source>
        <translation>open %1</translation>
    </message>
    <message>
        <source>urged %1</source>
        <translation>urged %1</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>Team %1</source>
        <translation>Team %1</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketDetailView</name>
    <message>
        <source>No ticket selected.</source>
        <translation>No ticket selected.</translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation>Unconfirmed</translation>
    </message>
    <message>
        <source>Changes to this ticket have not been confirmed by the server yet.</source>
        <translation>Changes to this ticket have not been confirmed by the server yet.</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Conversation</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>A&amp;ttachments</source>
        <translation>A&amp;ttachments</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>split the ticket</source>
        <translation>split the ticket</translation>
    </message>
    <message>
        <source>save the changes</source>
        <translation>save the changes</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Cannot show this ticket: %1</source>
        <translation>Cannot show this ticket: %1</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>Could not refresh: %1</translation>
    </message>
    <message>
        <source>A&amp;ttachments (%1)</source>
        <translation>A&amp;ttachments (%1)</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>User #%1</translation>
    </message>
    <message numerus="yes">
        <source>urged %n time(s)</source>
        <translation>
            <numerusform>urged %n time</numerusform>
            <numerusform>urged %n times</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged into %1. Work continues there.</source>
        <translation>Merged into %1. Work continues there.</translation>
    </message>
    <message>
        <source>Waiting for a %1 to approve “%2”.</source>
        <translation>Waiting for a %1 to approve “%2”.</translation>
    </message>
    <message>
        <source>Suspended (the SLA clock is stopped); resumes to “%1”.</source>
        <translation>Suspended (the SLA clock is stopped); resumes to “%1”.</translation>
    </message>
    <message>
        <source>Not confirmed by the server yet:</source>
        <translation>Not confirmed by the server yet:</translation>
    </message>
    <message>
        <source>Could not %1: you may not do this now, or the ticket is not loaded.</source>
        <translation>Could not %1: you may not do this now, or the ticket is not loaded.</translation>
    </message>
    <message>
        <source>add the note</source>
        <translation>add the note</translation>
    </message>
    <message>
        <source>send the reply</source>
        <translation>send the reply</translation>
    </message>
    <message>
        <source>assign the ticket</source>
        <translation>assign the ticket</translation>
    </message>
    <message>
        <source>accept the ticket</source>
        <translation>accept the ticket</translation>
    </message>
    <message>
        <source>Suspend %1</source>
        <translation>Suspend %1</translation>
    </message>
    <message>
        <source>While suspended the SLA clock stops. The reason is kept as an internal note.</source>
        <translation>While suspended the SLA clock stops. The reason is kept as an internal note.</translation>
    </message>
    <message>
        <source>suspend the ticket</source>
        <translation>suspend the ticket</translation>
    </message>
    <message>
        <source>resume the ticket</source>
        <translation>resume the ticket</translation>
    </message>
    <message>
        <source>urge the ticket</source>
        <translation>urge the ticket</translation>
    </message>
    <message>
        <source>merge the tickets</source>
        <translation>merge the tickets</translation>
    </message>
    <message>
        <source>Approve %1</source>
        <translation>Approve %1</translation>
    </message>
    <message>
        <source>Reject %1</source>
        <translation>Reject %1</translation>
    </message>
    <message>
        <source>“%1” on %2 takes effect now.</source>
        <translation>“%1” on %2 takes effect now.</translation>
    </message>
    <message>
        <source>“%1” on %2 does not happen. Say why.</source>
        <translation>“%1” on %2 does not happen. Say why.</translation>
    </message>
    <message>
        <source>decide the approval</source>
        <translation>decide the approval</translation>
    </message>
    <message>
        <source>reopen the ticket</source>
        <translation>reopen the ticket</translation>
    </message>
    <message>
        <source>perform “%1”</source>
        <translation>perform “%1”</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketFieldsForm</name>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Number:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priority:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Category:</translation>
    </message>
    <message>
        <source>De&amp;partment:</source>
        <translation>De&amp;partment:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Source:</translation>
    </message>
    <message>
        <source>Requester and place</source>
        <translation>Requester and place</translation>
    </message>
    <message>
        <source>Requester:</source>
        <translation>Requester:</translation>
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation>C&amp;ontact:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>Coordinates:</source>
        <translation>Coordinates:</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>Assignee:</source>
        <translation>Assignee:</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>Team:</translation>
    </message>
    <message>
        <source>Urged:</source>
        <translation>Urged:</translation>
    </message>
    <message>
        <source>Pending approval:</source>
        <translation>Pending approval:</translation>
    </message>
    <message>
        <source>Merged into:</source>
        <translation>Merged into:</translation>
    </message>
    <message>
        <source>Linked tickets:</source>
        <translation>Linked tickets:</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Times</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Created:</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>Updated:</translation>
    </message>
    <message>
        <source>Accepted:</source>
        <translation>Accepted:</translation>
    </message>
    <message>
        <source>First response:</source>
        <translation>First response:</translation>
    </message>
    <message>
        <source>Resolved:</source>
        <translation>Resolved:</translation>
    </message>
    <message>
        <source>Closed:</source>
        <translation>Closed:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Work fields</source>
        <translation>Work fields</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>User #%1</translation>
    </message>
    <message>
        <source>(from %1)</source>
        <translation>(from %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n time</numerusform>
            <numerusform>%n times</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, asked by %2 on %3; needs a %4</source>
        <translation>%1, asked by %2 on %3; needs a %4</translation>
    </message>
    <message>
        <source>split from</source>
        <translation>split from</translation>
    </message>
    <message>
        <source>split into</source>
        <translation>split into</translation>
    </message>
    <message>
        <source>related</source>
        <translation>related</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>duplicate</translation>
    </message>
    <message>
        <source>Split into</source>
        <translation>Split into</translation>
    </message>
    <message>
        <source>Merged from</source>
        <translation>Merged from</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketFilterModel</name>
    <message>
        <source>All open</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>My open</source>
        <translation>My open</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Urgent today</source>
        <translation>Urgent today</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Everything</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketModel</name>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (awaiting approval)</source>
        <translation>%1 (awaiting approval)</translation>
    </message>
    <message>
        <source>You have a change on this ticket that the server has not confirmed yet.</source>
        <translation>You have a change on this ticket that the server has not confirmed yet.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Department / area</source>
        <translation>Department / area</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Urged</source>
        <translation>Urged</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketTableView</name>
    <message>
        <source>Saved views</source>
        <translation>Saved views</translation>
    </message>
    <message>
        <source>Search number, title, requester, address… (Ctrl+F)</source>
        <translation>Search number, title, requester, address… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>Open only</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>Save view…</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>Search history</translation>
    </message>
    <message>
        <source>Search all tickets on the server, including old closed ones</source>
        <translation>Search all tickets on the server, including old closed ones</translation>
    </message>
    <message>
        <source>Server search failed</source>
        <translation>Server search failed</translation>
    </message>
    <message numerus="yes">
        <source>%n found on the server</source>
        <translation>
            <numerusform>%n found on the server</numerusform>
            <numerusform>%n found on the server</numerusform>
        </translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Selected</translation>
    </message>
    <message>
        <source>Assign selected…</source>
        <translation>Assign selected…</translation>
    </message>
    <message>
        <source>Transition selected…</source>
        <translation>Transition selected…</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>Any type</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Any priority</translation>
    </message>
    <message>
        <source>Any team</source>
        <translation>Any team</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Anyone</translation>
    </message>
    <message>
        <source>%1 of %2 tickets</source>
        <translation>%1 of %2 tickets</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Save view</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>Name of this view:</translation>
    </message>
    <message numerus="yes">
        <source>Assign %n ticket(s)</source>
        <translation>
            <numerusform>Assign %n ticket</numerusform>
            <numerusform>Assign %n tickets</numerusform>
        </translation>
    </message>
    <message>
        <source>Assign to:</source>
        <translation>Assign to:</translation>
    </message>
    <message>
        <source>No step is possible for all selected tickets.</source>
        <translation>No step is possible for all selected tickets.</translation>
    </message>
    <message numerus="yes">
        <source>Transition %n ticket(s)</source>
        <translation>
            <numerusform>Transition %n ticket</numerusform>
            <numerusform>Transition %n tickets</numerusform>
        </translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>Step:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>This step needs a reason:</source>
        <translation>This step needs a reason:</translation>
    </message>
    <message numerus="yes">
        <source>%n or more found on the server</source>
        <translation>
            <numerusform>%n or more found on the server</numerusform>
            <numerusform>%n or more found on the server</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crewline::client::TransitionDialog</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>This step needs the approval of a %1. It takes effect once approved.</source>
        <translation>This step needs the approval of a %1. It takes effect once approved.</translation>
    </message>
    <message>
        <source>The comment is added to the conversation: the requester can read it.</source>
        <translation>The comment is added to the conversation: the requester can read it.</translation>
    </message>
    <message>
        <source>%1 is not set yet. Set it first, then try this step again.</source>
        <translation>%1 is not set yet. Set it first, then try this step again.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>What was done, and the outcome</source>
        <translation>What was done, and the outcome</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1 (required)</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>Comment (optional)</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>Reason (required):</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Comment:</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Callback result</source>
        <translation>Callback result</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Requester contact</source>
        <translation>Requester contact</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Partly satisfied</source>
        <translation>Partly satisfied</translation>
    </message>
    <message>
        <source>Unresolved</source>
        <translation>Unresolved</translation>
    </message>
    <message>
        <source>Callback: called</source>
        <translation>Callback: called</translation>
    </message>
    <message>
        <source>Callback: when</source>
        <translation>Callback: when</translation>
    </message>
    <message>
        <source>Callback: note</source>
        <translation>Callback: note</translation>
    </message>
    <message>
        <source>Customer&apos;s confirmation (QR)</source>
        <translation>Customer&apos;s confirmation (QR)</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>Could not reach the customer</source>
        <translation>Could not reach the customer</translation>
    </message>
</context>
<context>
    <name>crewline::client::WorkOrderPrinting</name>
    <message>
        <source>Ticket %1 could not be loaded: %2</source>
        <translation>Ticket %1 could not be loaded: %2</translation>
    </message>
    <message>
        <source>%1 is printed without a confirmation link (%2).</source>
        <translation>%1 is printed without a confirmation link (%2).</translation>
    </message>
    <message>
        <source>Select the tickets to print first.</source>
        <translation>Select the tickets to print first.</translation>
    </message>
    <message>
        <source>Crew sheet</source>
        <translation>Crew sheet</translation>
    </message>
    <message>
        <source>Engineer: %1</source>
        <translation>Engineer: %1</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>Team: %1</translation>
    </message>
    <message>
        <source>Engineer or team</source>
        <translation>Engineer or team</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message numerus="yes">
        <source>%n open work order(s)</source>
        <translation>
            <numerusform>%n open work order</numerusform>
            <numerusform>%n open work orders</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>Nothing to print.</source>
        <translation>Nothing to print.</translation>
    </message>
    <message>
        <source>crew-sheet-%1.pdf</source>
        <translation>crew-sheet-%1.pdf</translation>
    </message>
    <message>
        <source>work-orders.pdf</source>
        <translation>work-orders.pdf</translation>
    </message>
    <message>
        <source>Export work orders to PDF</source>
        <translation>Export work orders to PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Saved %1.</translation>
    </message>
    <message>
        <source>Crew sheet %1</source>
        <translation>Crew sheet %1</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>Crew sheet %1 — print preview</source>
        <translation>Crew sheet %1 — print preview</translation>
    </message>
    <message>
        <source>Work orders — print preview</source>
        <translation>Work orders — print preview</translation>
    </message>
    <message numerus="yes">
        <source>%n work order(s) ready to print.</source>
        <translation>
            <numerusform>%n work order ready to print.</numerusform>
            <numerusform>%n work orders ready to print.</numerusform>
        </translation>
    </message>
    <message>
        <source>Print settings</source>
        <translation>Print settings</translation>
    </message>
    <message>
        <source>Printed at the top of every work order</source>
        <translation>Printed at the top of every work order</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation>Images (*.png *.jpg *.jpeg *.svg)</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Service line</source>
        <translation>Service line</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
</context>
<context>
    <name>crewline::client::WorkOrderRenderer</name>
    <message>
        <source>Crewline</source>
        <translation>Crewline</translation>
    </message>
    <message>
        <source>Crew sheet</source>
        <translation>Crew sheet</translation>
    </message>
    <message numerus="yes">
        <source>%n work order(s) follow, one per page.</source>
        <translation>
            <numerusform>%n work order follow, one per page.</numerusform>
            <numerusform>%n work orders follow, one per page.</numerusform>
        </translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>Work order</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see the pages that follow)</source>
        <translation>
            <numerusform>… and %n more (see the pages that follow)</numerusform>
            <numerusform>… and %n more (see the pages that follow)</numerusform>
        </translation>
    </message>
    <message>
        <source>Prepared by %1 · %2 · Page %3 of %4</source>
        <translation>Prepared by %1 · %2 · Page %3 of %4</translation>
    </message>
    <message>
        <source>Service line: %1</source>
        <translation>Service line: %1</translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation>Version %1 · %2</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>(no title)</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>Engineer</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>(no address)</source>
        <translation>(no address)</translation>
    </message>
    <message>
        <source>Department: %1</source>
        <translation>Department: %1</translation>
    </message>
    <message>
        <source>Find the place by the address.</source>
        <translation>Find the place by the address.</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Materials used</source>
        <translation>Materials used</translation>
    </message>
    <message>
        <source>Work done as described</source>
        <translation>Work done as described</translation>
    </message>
    <message>
        <source>Material / specification</source>
        <translation>Material / specification</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Time on site</source>
        <translation>Time on site</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>Hours on site</source>
        <translation>Hours on site</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>Customer: scan to confirm the result — satisfied, partly resolved or unresolved — and rate the work.</source>
        <translation>Customer: scan to confirm the result — satisfied, partly resolved or unresolved — and rate the work.</translation>
    </message>
    <message>
        <source>No confirmation link: the server serves no confirmation page, or the order was printed offline.</source>
        <translation>No confirmation link: the server serves no confirmation page, or the order was printed offline.</translation>
    </message>
    <message>
        <source>Engineer signature</source>
        <translation>Engineer signature</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Customer signature</source>
        <translation>Customer signature</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>(no history)</source>
        <translation>(no history)</translation>
    </message>
    <message>
        <source>Printed by %1 · %2 · version %3</source>
        <translation>Printed by %1 · %2 · version %3</translation>
    </message>
    <message>
        <source>Draft (not recorded) · version %1</source>
        <translation>Draft (not recorded) · version %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>Crew sheet %1</source>
        <translation>Crew sheet %1</translation>
    </message>
    <message>
        <source>Work order %1</source>
        <translation>Work order %1</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Cannot write %1.</translation>
    </message>
</context>
<context>
    <name>crewline::client::Workspace</name>
    <message>
        <source>Assigned to you: %1</source>
        <translation>Assigned to you: %1</translation>
    </message>
    <message>
        <source>%1 assigned “%2” to you.</source>
        <translation>%1 assigned “%2” to you.</translation>
    </message>
    <message>
        <source>Urged: %1</source>
        <translation>Urged: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 is pressing on “%2” (urged %n time(s)).</source>
        <translation>
            <numerusform>%1 is pressing on “%2” (urged %n time).</numerusform>
            <numerusform>%1 is pressing on “%2” (urged %n times).</numerusform>
        </translation>
    </message>
    <message>
        <source>New message on %1</source>
        <translation>New message on %1</translation>
    </message>
    <message>
        <source>%1 changed %2</source>
        <translation>%1 changed %2</translation>
    </message>
    <message>
        <source>Urgent ticket: %1</source>
        <translation>Urgent ticket: %1</translation>
    </message>
    <message>
        <source>New ticket “%1”</source>
        <translation>New ticket “%1”</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Edit %1</translation>
    </message>
    <message>
        <source>Assign %1 to %2</source>
        <translation>Assign %1 to %2</translation>
    </message>
    <message>
        <source>Accept %1</source>
        <translation>Accept %1</translation>
    </message>
    <message>
        <source>Internal note on %1</source>
        <translation>Internal note on %1</translation>
    </message>
    <message>
        <source>Reply on %1</source>
        <translation>Reply on %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Approve %1</source>
        <translation>Approve %1</translation>
    </message>
    <message>
        <source>Reject approval of %1</source>
        <translation>Reject approval of %1</translation>
    </message>
    <message>
        <source>Suspend %1</source>
        <translation>Suspend %1</translation>
    </message>
    <message>
        <source>Resume %1</source>
        <translation>Resume %1</translation>
    </message>
    <message>
        <source>Urge %1</source>
        <translation>Urge %1</translation>
    </message>
    <message>
        <source>Reopen %1</source>
        <translation>Reopen %1</translation>
    </message>
    <message>
        <source>Split %1</source>
        <translation>Split %1</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation>Merge %1 into %2</translation>
    </message>
    <message>
        <source>Claim %1</source>
        <translation>Claim %1</translation>
    </message>
    <message>
        <source>Freeze %1 for today</source>
        <translation>Freeze %1 for today</translation>
    </message>
    <message>
        <source>Lift the freeze on %1</source>
        <translation>Lift the freeze on %1</translation>
    </message>
    <message>
        <source>Not accepted in time: %1</source>
        <translation>Not accepted in time: %1</translation>
    </message>
    <message>
        <source>“%1” was re-dispatched to you.</source>
        <translation>“%1” was re-dispatched to you.</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”: %2</translation>
    </message>
    <message>
        <source>Emergency offered to you: %1</source>
        <translation>Emergency offered to you: %1</translation>
    </message>
    <message>
        <source>“%1” — the first to accept takes it.</source>
        <translation>“%1” — the first to accept takes it.</translation>
    </message>
    <message>
        <source>New in the claim pool: %1</source>
        <translation>New in the claim pool: %1</translation>
    </message>
    <message>
        <source>Taken by someone else: %1</source>
        <translation>Taken by someone else: %1</translation>
    </message>
    <message>
        <source>%1 took “%2”.</source>
        <translation>%1 took “%2”.</translation>
    </message>
    <message>
        <source>“%1” was dispatched to you automatically.</source>
        <translation>“%1” was dispatched to you automatically.</translation>
    </message>
    <message>
        <source>Your role may not print work orders.</source>
        <translation>Your role may not print work orders.</translation>
    </message>
    <message>
        <source>Escalated: customer says %1 is unresolved</source>
        <translation>Escalated: customer says %1 is unresolved</translation>
    </message>
    <message>
        <source>Low rating on %1: %2 of 5</source>
        <translation>Low rating on %1: %2 of 5</translation>
    </message>
</context>
<context>
    <name>crewline::geo::GeoJson</name>
    <message>
        <source>expected a position [longitude, latitude]</source>
        <translation>expected a position [longitude, latitude]</translation>
    </message>
    <message>
        <source>position [%1, %2] is outside the world (GeoJSON puts the longitude first)</source>
        <translation>position [%1, %2] is outside the world (GeoJSON puts the longitude first)</translation>
    </message>
    <message>
        <source>expected an array of positions</source>
        <translation>expected an array of positions</translation>
    </message>
    <message>
        <source>needs at least %1 positions</source>
        <translation>needs at least %1 positions</translation>
    </message>
    <message>
        <source>expected an array of linear rings</source>
        <translation>expected an array of linear rings</translation>
    </message>
    <message>
        <source>a linear ring must end where it starts</source>
        <translation>a linear ring must end where it starts</translation>
    </message>
    <message>
        <source>expected a geometry object</source>
        <translation>expected a geometry object</translation>
    </message>
    <message>
        <source>expected an array</source>
        <translation>expected an array</translation>
    </message>
    <message>
        <source>expected an array of lines</source>
        <translation>expected an array of lines</translation>
    </message>
    <message>
        <source>expected an array of polygons</source>
        <translation>expected an array of polygons</translation>
    </message>
    <message>
        <source>the geometry has no &quot;type&quot;</source>
        <translation>the geometry has no &quot;type&quot;</translation>
    </message>
    <message>
        <source>unknown geometry type &quot;%1&quot;</source>
        <translation>unknown geometry type &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected an object with &quot;type&quot;: &quot;Feature&quot;</source>
        <translation>expected an object with &quot;type&quot;: &quot;Feature&quot;</translation>
    </message>
    <message>
        <source>expected an object or null</source>
        <translation>expected an object or null</translation>
    </message>
    <message>
        <source>the feature has no &quot;geometry&quot;</source>
        <translation>the feature has no &quot;geometry&quot;</translation>
    </message>
    <message>
        <source>Not valid JSON at line %1, column %2: %3</source>
        <translation>Not valid JSON at line %1, column %2: %3</translation>
    </message>
    <message>
        <source>Not GeoJSON: %1</source>
        <translation>Not GeoJSON: %1</translation>
    </message>
    <message>
        <source>Not GeoJSON at %1: %2</source>
        <translation>Not GeoJSON at %1: %2</translation>
    </message>
    <message>
        <source>the document is not a JSON object</source>
        <translation>the document is not a JSON object</translation>
    </message>
    <message>
        <source>expected an array of features</source>
        <translation>expected an array of features</translation>
    </message>
    <message>
        <source>the document has no &quot;type&quot;</source>
        <translation>the document has no &quot;type&quot;</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
</context>
<context>
    <name>crewline::geo::MbTiles</name>
    <message>
        <source>The MBTiles file %1 does not exist.</source>
        <translation>The MBTiles file %1 does not exist.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Cannot open %1: %2</translation>
    </message>
    <message>
        <source>%1 is not an MBTiles file (no metadata table).</source>
        <translation>%1 is not an MBTiles file (no metadata table).</translation>
    </message>
    <message>
        <source>%1 is not an MBTiles file (no tiles table).</source>
        <translation>%1 is not an MBTiles file (no tiles table).</translation>
    </message>
</context>
<context>
    <name>crewline::geo::TileLoader</name>
    <message>
        <source>The tile URL must be http(s) and contain {z}, {x} and {y}: %1</source>
        <translation>The tile URL must be http(s) and contain {z}, {x} and {y}: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Too many failed attempts: the account is locked for a while.</source>
        <translation>Too many failed attempts: the account is locked for a while.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>Unknown server certificate</source>
        <translation>Unknown server certificate</translation>
    </message>
    <message>
        <source>The server %1 presents a certificate this computer does not know (%2).

SHA-256 fingerprint:
%3

Compare it with the one your administrator gave you. Trust it from now on?</source>
        <translation>The server %1 presents a certificate this computer does not know (%2).

SHA-256 fingerprint:
%3

Compare it with the one your administrator gave you. Trust it from now on?</translation>
    </message>
    <message>
        <source>The server certificate was not trusted.</source>
        <translation>The server certificate was not trusted.</translation>
    </message>
    <message>
        <source>Server certificate changed</source>
        <translation>Server certificate changed</translation>
    </message>
    <message>
        <source>The certificate of %1 is not the one you trusted before.

Trusted: %2
Offered: %3

This can mean someone is intercepting the connection. The console will not connect. Ask your administrator.</source>
        <translation>The certificate of %1 is not the one you trusted before.

Trusted: %2
Offered: %3

This can mean someone is intercepting the connection. The console will not connect. Ask your administrator.</translation>
    </message>
</context>
</TS>
