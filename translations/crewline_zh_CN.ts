<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Export %1</source>
        <translation>导出%1</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write %1:
%2</source>
        <translation>无法写入 %1：
%2</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export to Excel or CSV…</source>
        <translation>导出为 Excel 或 CSV…</translation>
    </message>
</context>
<context>
    <name>crewline::client::AssignPicker</name>
    <message>
        <source>engineer</source>
        <translation>维修人员</translation>
    </message>
    <message>
        <source>dispatcher</source>
        <translation>调度员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Assign %1</source>
        <translation>派单：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>在办 %n 单</numerusform>
        </translation>
    </message>
    <message>
        <source>(current)</source>
        <translation>（当前）</translation>
    </message>
    <message>
        <source>Type a name, team or role…</source>
        <translation>输入姓名、团队或角色…</translation>
    </message>
    <message>
        <source>Note for the assignee (optional, internal)</source>
        <translation>给处理人的备注（可选，仅内部可见）</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>派单</translation>
    </message>
</context>
<context>
    <name>crewline::client::AttachmentTransfer</name>
    <message>
        <source>The file&apos;s checksum (SHA-256) does not match: it changed while it was being sent, or the stored copy is damaged.</source>
        <translation>文件校验和（SHA-256）不一致：文件在发送过程中被修改，或服务器上保存的副本已损坏。</translation>
    </message>
    <message>
        <source>The file is larger than the server accepts (%1).</source>
        <translation>文件超过服务器允许的大小（%1）。</translation>
    </message>
    <message>
        <source>The file is larger than the server accepts.</source>
        <translation>文件超过服务器允许的大小。</translation>
    </message>
    <message>
        <source>The server did not receive the whole file. Try again.</source>
        <translation>服务器未收到完整的文件，请重试。</translation>
    </message>
    <message>
        <source>The ticket or the attachment no longer exists, or you may not see it.</source>
        <translation>工单或附件已不存在，或您无权查看。</translation>
    </message>
    <message>
        <source>You may not do this.</source>
        <translation>您无权执行此操作。</translation>
    </message>
    <message>
        <source>Too many transfers at once. Wait for one to finish.</source>
        <translation>同时进行的传输过多，请等待其中一个完成。</translation>
    </message>
    <message>
        <source>Not connected to the server. Try again when the connection is back.</source>
        <translation>未连接到服务器，请在连接恢复后重试。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The server sent the wrong part of the file.</source>
        <translation>服务器发送的文件分段有误。</translation>
    </message>
    <message>
        <source>The downloaded file does not match its checksum (SHA-256). It has been deleted; try again.</source>
        <translation>下载的文件与其校验和（SHA-256）不一致，已将其删除，请重试。</translation>
    </message>
    <message>
        <source>The server stopped sending the file.</source>
        <translation>服务器中断了文件发送。</translation>
    </message>
    <message>
        <source>Cannot replace %1.</source>
        <translation>无法替换 %1。</translation>
    </message>
    <message>
        <source>Cannot save %1.</source>
        <translation>无法保存 %1。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>crewline::client::AttachmentsPanel</name>
    <message>
        <source>Name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>添加人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Cancel transfer</source>
        <translation>取消传输</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>保存附件</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>用户 #%1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>No application could open %1.</source>
        <translation>没有可以打开 %1 的应用程序。</translation>
    </message>
    <message numerus="yes">
        <source>%n more transfer(s) waiting.</source>
        <translation>
            <numerusform>还有 %n 个传输正在等待。</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation>正在上传 %1…</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>正在下载 %1…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Attached %1 (%2).</source>
        <translation>已添加附件 %1（%2）。</translation>
    </message>
    <message>
        <source>Saved %1 — checksum verified.</source>
        <translation>已保存 %1，校验和验证通过。</translation>
    </message>
    <message>
        <source>Opened %1 — checksum verified.</source>
        <translation>已打开 %1，校验和验证通过。</translation>
    </message>
</context>
<context>
    <name>crewline::client::BacklogTableModel</name>
    <message>
        <source>Unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Age (h)</source>
        <translation>已开时长（小时）</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已开时长</translation>
    </message>
</context>
<context>
    <name>crewline::client::BoardMoves</name>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Callback result</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>an assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Assign to:</source>
        <translation>派给：</translation>
    </message>
    <message>
        <source>Why? (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>%1 is waiting for an approval and cannot move now.</source>
        <translation>%1 正在等待审批，暂时无法移动。</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>派单…</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接单</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>%1 cannot go from “%2” to “%3”: the workflow has no such step for you.</source>
        <translation>%1 无法从“%2”转到“%3”：流程中没有您可执行的相应步骤。</translation>
    </message>
    <message>
        <source>%1 needs %2 before it can go to “%3”.</source>
        <translation>%1 需要先设置%2，才能转到“%3”。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n ticket(s))</source>
        <translation>
            <numerusform>%1（%n 个工单）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 → “%2”: %n ticket(s) sent.</source>
        <translation>
            <numerusform>%1 → “%2”：已提交 %n 个工单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 → “%2”: %n ticket(s) sent; not possible for %3.</source>
        <translation>
            <numerusform>%1 → “%2”：已提交 %n 个工单；%3 无法执行此操作。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crewline::client::BoardView</name>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Show &amp;closed</source>
        <translation>显示已关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Smaller cards (Ctrl+-)</source>
        <translation>缩小卡片（Ctrl+-）</translation>
    </message>
    <message>
        <source>Larger cards (Ctrl+=)</source>
        <translation>放大卡片（Ctrl+=）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) in “%1”</source>
        <translation>
            <numerusform>“%1”中有 %n 个工单</numerusform>
        </translation>
    </message>
    <message>
        <source>Only tickets of the type “%1” can go into these columns.</source>
        <translation>只有“%1”类型的工单可以放入这些列。</translation>
    </message>
</context>
<context>
    <name>crewline::client::CallbackView</name>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Partly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Unresolved</source>
        <translation>未解决</translation>
    </message>
    <message>
        <source>Could not reach the customer</source>
        <translation>联系不上客户</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完工时间</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>维修人员</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Whom you spoke to, and the number</source>
        <translation>回访对象及电话</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>客户的反馈</translation>
    </message>
    <message>
        <source>Customer&apos;s QR answer</source>
        <translation>客户扫码确认</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>回访对象</translation>
    </message>
    <message>
        <source>When</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Record callback</source>
        <translation>记录回访</translation>
    </message>
    <message>
        <source>Record and close</source>
        <translation>记录并关闭</translation>
    </message>
    <message>
        <source>Close ticket</source>
        <translation>关闭工单</translation>
    </message>
    <message>
        <source>Return to engineer…</source>
        <translation>退回维修人员…</translation>
    </message>
    <message>
        <source>Awaiting callback</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Recorded: %1</source>
        <translation>已回访：%1</translation>
    </message>
    <message>
        <source>Escalated by the customer</source>
        <translation>客户已要求升级处理</translation>
    </message>
    <message>
        <source>No completed tickets are waiting for a callback.</source>
        <translation>没有等待回访的已完工工单。</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Partly resolved</source>
        <translation>部分解决</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1 / 5 分</translation>
    </message>
    <message>
        <source>Return to engineer</source>
        <translation>退回维修人员</translation>
    </message>
    <message>
        <source>Why does %1 go back to the engineer?</source>
        <translation>%1 为什么要退回维修人员？</translation>
    </message>
</context>
<context>
    <name>crewline::client::ConflictDialog</name>
    <message>
        <source>Someone else changed %1</source>
        <translation>%1 已被他人修改</translation>
    </message>
    <message>
        <source>Your change was not applied: %1 changed after you looked at it (you saw version %2, it is now at version %3).</source>
        <translation>您的修改未生效：在您查看之后，%1 已被修改（您看到的是版本 %2，当前为版本 %3）。</translation>
    </message>
    <message>
        <source>Your change: %1</source>
        <translation>您的修改：%1</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>When you acted</source>
        <translation>您操作时</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Looking up who changed it…</source>
        <translation>正在查询修改人…</translation>
    </message>
    <message>
        <source>Re-apply my change</source>
        <translation>重新应用我的修改</translation>
    </message>
    <message>
        <source>Send the same change again, based on the current version.</source>
        <translation>基于当前版本再次提交相同的修改。</translation>
    </message>
    <message>
        <source>Drop my change</source>
        <translation>放弃我的修改</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
    <message>
        <source>Keep the refused change in the list of pending actions.</source>
        <translation>将被拒绝的修改保留在“待确认的操作”列表中。</translation>
    </message>
    <message>
        <source>assign to %1</source>
        <translation>派给 %1</translation>
    </message>
    <message>
        <source>edit: %1</source>
        <translation>编辑：%1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>用户 #%1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Requester contact</source>
        <translation>报修人联系方式</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>最后修改时间</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>Could not read the ticket&apos;s history: %1</source>
        <translation>无法读取工单历史记录：%1</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2（%3）</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Changed by: not recorded.</source>
        <translation>修改人：无记录。</translation>
    </message>
    <message>
        <source>Changed by:</source>
        <translation>修改人：</translation>
    </message>
</context>
<context>
    <name>crewline::client::Connection</name>
    <message>
        <source>The server did not answer in time.</source>
        <translation>服务器未及时响应。</translation>
    </message>
    <message>
        <source>Offline.</source>
        <translation>当前处于离线状态。</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>连接已断开。</translation>
    </message>
    <message>
        <source>Not connected to the server.</source>
        <translation>未连接到服务器。</translation>
    </message>
</context>
<context>
    <name>crewline::client::ConversationView</name>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>Public reply</source>
        <translation>公开回复</translation>
    </message>
    <message>
        <source>Only staff can see this note; the requester cannot.</source>
        <translation>此备注仅工作人员可见，报修人看不到。</translation>
    </message>
    <message>
        <source>Title of the new ticket (optional)</source>
        <translation>新工单标题（可选）</translation>
    </message>
    <message>
        <source>Split into new ticket</source>
        <translation>拆分为新工单</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Add a note only staff can see (%1)</source>
        <translation>添加仅工作人员可见的备注（%1）</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Send a reply the requester can read (%1)</source>
        <translation>发送报修人可见的回复（%1）</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>%1 · %2 · via %3</source>
        <translation>%1 · %2 · 来源：%3</translation>
    </message>
    <message>
        <source>Move this message to the new ticket</source>
        <translation>将此消息移到新工单</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>(moved from another ticket)</source>
        <translation>（从其他工单移入）</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>Sending… (not confirmed yet)</source>
        <translation>正在发送…（尚未确认）</translation>
    </message>
    <message>
        <source>Internal note — only staff can see it (%1)</source>
        <translation>内部备注 — 仅工作人员可见（%1）</translation>
    </message>
    <message>
        <source>Reply to the requester — public (%1)</source>
        <translation>回复报修人 — 公开（%1）</translation>
    </message>
    <message>
        <source>Write an internal note…</source>
        <translation>填写内部备注…</translation>
    </message>
    <message>
        <source>Write a reply…</source>
        <translation>填写回复…</translation>
    </message>
    <message>
        <source>Send as a public reply?</source>
        <translation>以公开回复发送？</translation>
    </message>
    <message>
        <source>You started this as an internal note. Send it as a public reply that the requester can read?</source>
        <translation>这条内容原本是作为内部备注填写的。确定要以报修人可见的公开回复发送吗？</translation>
    </message>
    <message numerus="yes">
        <source>Tick the messages to move: %n selected</source>
        <translation>
            <numerusform>勾选要移出的消息：已选 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Attached: %1 (%2)</source>
        <translation>附件：%1（%2）</translation>
    </message>
</context>
<context>
    <name>crewline::client::DashboardChart</name>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation>将图表另存为 PNG…</translation>
    </message>
</context>
<context>
    <name>crewline::client::DashboardView</name>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>部门(&amp;D)：</translation>
    </message>
    <message>
        <source>T&amp;eam:</source>
        <translation>班组(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Open backlog</source>
        <translation>积压工单</translation>
    </message>
    <message>
        <source>First response (mean)</source>
        <translation>首次响应（均值）</translation>
    </message>
    <message>
        <source>Resolution time (mean)</source>
        <translation>解决时长（均值）</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA 达标</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Volume: created vs resolved</source>
        <translation>工单量：新建与解决</translation>
    </message>
    <message>
        <source>Share by category</source>
        <translation>按类别占比</translation>
    </message>
    <message>
        <source>Share by type</source>
        <translation>按类型占比</translation>
    </message>
    <message>
        <source>SLA compliance by type</source>
        <translation>各类型 SLA 达标情况</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Drill-down</source>
        <translation>明细分析</translation>
    </message>
    <message>
        <source>By type</source>
        <translation>按类型</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>按部门</translation>
    </message>
    <message>
        <source>By team</source>
        <translation>按班组</translation>
    </message>
    <message>
        <source>By engineer</source>
        <translation>按工程师</translation>
    </message>
    <message>
        <source>Staff leaderboard</source>
        <translation>人员排行榜</translation>
    </message>
    <message>
        <source>Leaderboard</source>
        <translation>排行榜</translation>
    </message>
    <message>
        <source>Backlog TOP 10: most urgent, then oldest</source>
        <translation>积压 TOP 10：最紧急、最久未办</translation>
    </message>
    <message>
        <source>Double-click a ticket to open it.</source>
        <translation>双击工单即可打开。</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>积压工单</translation>
    </message>
    <message>
        <source>Could not load the figures: %1</source>
        <translation>无法加载统计数据：%1</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>全部班组</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>type: %1</source>
        <translation>类型：%1</translation>
    </message>
    <message>
        <source>department: %1</source>
        <translation>部门：%1</translation>
    </message>
    <message>
        <source>team: %1</source>
        <translation>班组：%1</translation>
    </message>
    <message>
        <source>P50 %1 · P90 %2</source>
        <translation>P50 %1 · P90 %2</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>previous: %1</source>
        <translation>上期：%1</translation>
    </message>
    <message>
        <source>closed: %1</source>
        <translation>已关闭：%1</translation>
    </message>
    <message>
        <source>open tickets now</source>
        <translation>当前未结工单</translation>
    </message>
    <message>
        <source>met %1 · missed %2</source>
        <translation>达标 %1 · 超时 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n rating(s)</source>
        <translation>
            <numerusform>%n 条评价</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>SLA missed</source>
        <translation>SLA 超时</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>无班组</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <source>Crewline dashboard</source>
        <translation>Crewline 管理看板</translation>
    </message>
    <message>
        <source>Print dashboard</source>
        <translation>打印看板</translation>
    </message>
</context>
<context>
    <name>crewline::client::FiguresTableModel</name>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>处理量</translation>
    </message>
    <message>
        <source>Mean handling time (h)</source>
        <translation>平均处理时长（小时）</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评价数</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>First response, mean (h)</source>
        <translation>首次响应均值（小时）</translation>
    </message>
    <message>
        <source>First response, P90 (h)</source>
        <translation>首次响应 P90（小时）</translation>
    </message>
    <message>
        <source>Resolution, mean (h)</source>
        <translation>解决时长均值（小时）</translation>
    </message>
    <message>
        <source>Resolution, P90 (h)</source>
        <translation>解决时长 P90（小时）</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA 达标</translation>
    </message>
    <message>
        <source>Mean handling time</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <source>First response, mean</source>
        <translation>首次响应均值</translation>
    </message>
    <message>
        <source>First response, P90</source>
        <translation>首次响应 P90</translation>
    </message>
    <message>
        <source>Resolution, mean</source>
        <translation>解决时长均值</translation>
    </message>
    <message>
        <source>Resolution, P90</source>
        <translation>解决时长 P90</translation>
    </message>
</context>
<context>
    <name>crewline::client::HeatMapWidget</name>
    <message>
        <source>Arrivals by weekday and hour</source>
        <translation>按星期与时段的来单分布</translation>
    </message>
</context>
<context>
    <name>crewline::client::HistoryView</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Change / reason</source>
        <translation>变更/原因</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>接单</translation>
    </message>
    <message>
        <source>Workflow step</source>
        <translation>流程流转</translation>
    </message>
    <message>
        <source>Asked for approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>审批通过</translation>
    </message>
    <message>
        <source>Approval rejected</source>
        <translation>审批驳回</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Urged</source>
        <translation>催单</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Unlinked</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Attached a file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Suspended from</source>
        <translation>挂起前状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>坐标</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应时间</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Urge count</source>
        <translation>催单次数</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Merged into</source>
        <translation>合并至</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Messages moved</source>
        <translation>已移动的消息</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>用户 #%1</translation>
    </message>
    <message>
        <source>Team #%1</source>
        <translation>团队 #%1</translation>
    </message>
    <message>
        <source>%1 (needs a %2)</source>
        <translation>%1（需 %2 审批）</translation>
    </message>
    <message>
        <source>Dispatched automatically</source>
        <translation>自动派单</translation>
    </message>
    <message>
        <source>Automatic dispatch found nobody</source>
        <translation>自动派单未找到合适人员</translation>
    </message>
    <message>
        <source>Offered to several engineers</source>
        <translation>同时推送给多名维修人员</translation>
    </message>
    <message>
        <source>Put in the claim pool</source>
        <translation>放入抢单池</translation>
    </message>
    <message>
        <source>Routed to a team</source>
        <translation>分派到班组</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>抢单成功</translation>
    </message>
    <message>
        <source>Re-dispatched: not accepted in time</source>
        <translation>超时未接单，已改派</translation>
    </message>
    <message>
        <source>Not accepted in time: supervisor told</source>
        <translation>超时未接单，已通知主管</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派单情况</translation>
    </message>
    <message>
        <source>claim pool</source>
        <translation>抢单池</translation>
    </message>
    <message>
        <source>offered to %1</source>
        <translation>已推送给 %1</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>已派单</translation>
    </message>
    <message>
        <source>emergency: %1</source>
        <translation>紧急：%1</translation>
    </message>
    <message>
        <source>accept by %1</source>
        <translation>须在 %1 前接单</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>Customer confirmed (QR)</source>
        <translation>客户扫码确认</translation>
    </message>
    <message>
        <source>Printed version</source>
        <translation>打印版本</translation>
    </message>
</context>
<context>
    <name>crewline::client::KpiTile</name>
    <message>
        <source>No figures for the previous period</source>
        <translation>上一周期没有数据</translation>
    </message>
    <message>
        <source>Compared with the previous period of the same length</source>
        <translation>与上一个同等长度周期相比</translation>
    </message>
</context>
<context>
    <name>crewline::client::LoginDialog</name>
    <message>
        <source>Sign in to Crewline</source>
        <translation>登录 Crewline</translation>
    </message>
    <message>
        <source>Remember the password in the desktop keychain</source>
        <translation>在系统钥匙串中记住密码</translation>
    </message>
    <message>
        <source>This build has no keychain support.</source>
        <translation>此版本不支持钥匙串。</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The server address must look like ws://host:port or wss://host:port.</source>
        <translation>服务器地址格式应为 ws://主机:端口 或 wss://主机:端口。</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
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
        <translation>工单</translation>
    </message>
    <message>
        <source>Queue board</source>
        <translation>队列看板</translation>
    </message>
    <message>
        <source>My work</source>
        <translation>我的工作</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Pending actions</source>
        <translation>待确认的操作</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) loaded</source>
        <translation>
            <numerusform>已加载 %n 个工单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loading tickets… %n</source>
        <translation>
            <numerusform>正在加载工单… %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused by the server: %1 — %2</source>
        <translation>服务器拒绝：%1 — %2</translation>
    </message>
    <message>
        <source>Change refused</source>
        <translation>修改被拒绝</translation>
    </message>
    <message>
        <source>The server refused “%1”.</source>
        <translation>服务器拒绝了“%1”。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New ticket…</source>
        <translation>新建工单(&amp;N)…</translation>
    </message>
    <message>
        <source>Work &amp;offline</source>
        <translation>离线工作(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Search tickets</source>
        <translation>搜索工单(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Next ticket</source>
        <translation>下一个工单(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous ticket</source>
        <translation>上一个工单(&amp;P)</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>全部未结</translation>
    </message>
    <message>
        <source>My open</source>
        <translation>我的未结</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未派单</translation>
    </message>
    <message>
        <source>Urgent today</source>
        <translation>今日紧急</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>工单(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Crewline</source>
        <translation>关于 Crewline(&amp;A)</translation>
    </message>
    <message>
        <source>About Crewline</source>
        <translation>关于 Crewline</translation>
    </message>
    <message>
        <source>&lt;b&gt;Crewline&lt;/b&gt; %1&lt;br&gt;Work-order dispatch console.&lt;br&gt;GPL-3.0-or-later.</source>
        <translation>&lt;b&gt;Crewline&lt;/b&gt; %1&lt;br&gt;工单调度控制台。&lt;br&gt;GPL-3.0-or-later。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Crewline — %1</source>
        <translation>Crewline — %1</translation>
    </message>
    <message>
        <source>Unsent changes</source>
        <translation>未发送的修改</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached the server yet. They are kept and sent the next time you sign in. Quit anyway?</source>
        <translation>
            <numerusform>有 %n 项修改尚未送达服务器。这些修改会被保留，并在您下次登录时发送。仍要退出吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重连…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be confirmed</source>
        <translation>
            <numerusform>%n 项修改等待确认</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The language changes the next time Crewline starts.</source>
        <translation>语言设置将在下次启动 Crewline 时生效。</translation>
    </message>
    <message>
        <source>requester</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>dispatcher</source>
        <translation>调度员</translation>
    </message>
    <message>
        <source>engineer</source>
        <translation>维修人员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>auditor</source>
        <translation>审计员</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation>地图(&amp;M)</translation>
    </message>
    <message>
        <source>Callbacks (回访)</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>&amp;Export ticket list…</source>
        <translation>导出工单列表(&amp;E)…</translation>
    </message>
    <message>
        <source>Manager &amp;dashboard</source>
        <translation>管理看板(&amp;D)</translation>
    </message>
    <message>
        <source>Board &amp;alarm thresholds…</source>
        <translation>看板告警阈值(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Print work orders…</source>
        <translation>打印工单(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Export work orders to PDF…</source>
        <translation>导出工单为 PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>Print &amp;crew sheet…</source>
        <translation>打印班组派工单(&amp;C)…</translation>
    </message>
    <message>
        <source>Export crew sheet to PDF…</source>
        <translation>导出班组派工单为 PDF…</translation>
    </message>
    <message>
        <source>Print settings…</source>
        <translation>打印设置…</translation>
    </message>
    <message>
        <source>Your role has no dashboard.</source>
        <translation>您的角色没有看板权限。</translation>
    </message>
    <message>
        <source>Crewline — manager dashboard</source>
        <translation>Crewline — 管理看板</translation>
    </message>
    <message>
        <source>Board alarm thresholds</source>
        <translation>看板告警阈值</translation>
    </message>
    <message>
        <source>Show alarms on the board and in the ticket list</source>
        <translation>在看板和工单列表中显示告警</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Not accepted for more than (red):</source>
        <translation>超过此时长未接单（红色）：</translation>
    </message>
    <message>
        <source>Open for more than (flashing):</source>
        <translation>超过此时长未结（闪烁）：</translation>
    </message>
    <message>
        <source>Rating below (highlighted):</source>
        <translation>评分低于（高亮）：</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Ticket list as filtered on %1</source>
        <translation>按当前筛选导出的工单列表，%1</translation>
    </message>
</context>
<context>
    <name>crewline::client::MapPanel</name>
    <message>
        <source>distance unknown</source>
        <translation>距离未知</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>Zoom to fit</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>Show every ticket and person on the map (F)</source>
        <translation>缩放到显示全部工单和人员 (F)</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Trails</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <source>Where each person went in the last hour</source>
        <translation>显示每个人最近一小时的行动轨迹</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>聚合</translation>
    </message>
    <message>
        <source>Group nearby markers when zoomed out</source>
        <translation>缩小时把相近的标记聚合显示</translation>
    </message>
    <message>
        <source>Map settings…</source>
        <translation>地图设置…</translation>
    </message>
    <message>
        <source>Press 1–9 on the map, Enter here, or double-click to dispatch</source>
        <translation>在地图上按 1–9、在此处按回车或双击即可派单</translation>
    </message>
    <message>
        <source>Base map: %1 The plain grid is shown instead.</source>
        <translation>底图：%1 已改用网格底图。</translation>
    </message>
    <message>
        <source>Overlay %1 not loaded: %2</source>
        <translation>图层 %1 未能加载：%2</translation>
    </message>
    <message>
        <source>Overlays</source>
        <translation>叠加图层</translation>
    </message>
    <message>
        <source>No overlay files (see Map settings)</source>
        <translation>没有叠加图层文件（见地图设置）</translation>
    </message>
    <message>
        <source>%1 has no location: it is not on the map.</source>
        <translation>%1 没有位置信息，无法在地图上显示。</translation>
    </message>
    <message>
        <source>Select a ticket to see who could take it.</source>
        <translation>选中一张工单，即可查看可派的人员。</translation>
    </message>
    <message>
        <source>Ranking…</source>
        <translation>正在排序…</translation>
    </message>
    <message>
        <source>Nobody on duty with a known position.</source>
        <translation>没有位置已知的在岗人员。</translation>
    </message>
    <message numerus="yes">
        <source>%1. %2 — %3, score %4
%5 · %n open</source>
        <translation>
            <numerusform>%1. %2 — %3，得分 %4
%5 · 在办 %n 单</numerusform>
        </translation>
    </message>
    <message>
        <source>position is old</source>
        <translation>位置已过时</translation>
    </message>
    <message>
        <source>frozen for today</source>
        <translation>今日已冻结</translation>
    </message>
    <message>
        <source>Estimated by the console from distance and open tickets: the server gave no ranking.</source>
        <translation>服务器未给出排序，由控制台按距离和在办工单估算。</translation>
    </message>
    <message>
        <source>distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>workload</source>
        <translation>工作量</translation>
    </message>
    <message>
        <source>skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>position age</source>
        <translation>位置时效</translation>
    </message>
    <message>
        <source>Score %1 =</source>
        <translation>得分 %1 =</translation>
    </message>
    <message>
        <source>Dispatched from the map: candidate %1, %2 away, score %3</source>
        <translation>从地图派单：第 %1 候选，距离 %2，得分 %3</translation>
    </message>
    <message>
        <source>You may not dispatch this ticket.</source>
        <translation>您无权派发此工单。</translation>
    </message>
    <message>
        <source>Dispatching %1 to %2…</source>
        <translation>正在将 %1 派给 %2…</translation>
    </message>
    <message>
        <source>Assigned on the map</source>
        <translation>在地图上派单</translation>
    </message>
    <message numerus="yes">
        <source>Assigning %n ticket(s) to %1…</source>
        <translation>
            <numerusform>正在将 %n 张工单派给 %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>You may not assign these tickets.</source>
        <translation>您无权派发这些工单。</translation>
    </message>
</context>
<context>
    <name>crewline::client::MapRenderer</name>
    <message>
        <source>%1 · offline since %2</source>
        <translation>%1 · %2 起离线</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>crewline::client::MapSettingsDialog</name>
    <message>
        <source>Map settings</source>
        <translation>地图设置</translation>
    </message>
    <message>
        <source>Plain grid (works offline)</source>
        <translation>网格底图（可离线使用）</translation>
    </message>
    <message>
        <source>Tile server (XYZ URL)</source>
        <translation>瓦片服务（XYZ 地址）</translation>
    </message>
    <message>
        <source>Offline MBTiles file</source>
        <translation>离线 MBTiles 文件</translation>
    </message>
    <message>
        <source>Base map:</source>
        <translation>底图：</translation>
    </message>
    <message>
        <source>Tile URL:</source>
        <translation>瓦片地址：</translation>
    </message>
    <message>
        <source>Attribution:</source>
        <translation>版权署名：</translation>
    </message>
    <message>
        <source>Tiles are cached on disk and fetched only for what is on screen. Public OpenStreetMap tiles require the attribution shown and forbid bulk downloads; use your own tile server for many consoles. Tiles from Chinese providers use GCJ-02 coordinates and are shifted against GPS positions.</source>
        <translation>瓦片缓存在本地磁盘，只下载屏幕上需要的部分。公共 OpenStreetMap 瓦片要求显示版权署名，并禁止批量下载；控制台较多时请使用自己的瓦片服务。国内地图服务商的瓦片采用 GCJ-02 坐标，与 GPS 位置存在偏移。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>MBTiles file</source>
        <translation>MBTiles 文件</translation>
    </message>
    <message>
        <source>MBTiles (*.mbtiles);;All files (*)</source>
        <translation>MBTiles (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <source>MBTiles file:</source>
        <translation>MBTiles 文件：</translation>
    </message>
    <message>
        <source>Overlay layers (GeoJSON):</source>
        <translation>叠加图层（GeoJSON）：</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Demo layers</source>
        <translation>演示图层</translation>
    </message>
    <message>
        <source>GeoJSON files</source>
        <translation>GeoJSON 文件</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json);;All files (*)</source>
        <translation>GeoJSON (*.geojson *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Say whose map data the tiles show (attribution): tile providers require it.</source>
        <translation>请填写瓦片地图数据的版权署名：瓦片服务商要求注明。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>crewline::client::MapSnapshot</name>
    <message>
        <source>No location recorded</source>
        <translation>未记录位置</translation>
    </message>
</context>
<context>
    <name>crewline::client::MapWidget</name>
    <message>
        <source>zoom %1</source>
        <translation>缩放级别 %1</translation>
    </message>
    <message>
        <source>%1 priority, open for %2</source>
        <translation>优先级：%1，已开 %2</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Drag onto a person to assign</source>
        <translation>拖到人员上即可派单</translation>
    </message>
    <message numerus="yes">
        <source>%n open ticket(s)</source>
        <translation>
            <numerusform>在办 %n 单</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>%1 起离线</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Position %1 ago, ±%2 m</source>
        <translation>位置更新于 %1 前，误差 ±%2 米</translation>
    </message>
    <message numerus="yes">
        <source>%n open ticket(s) here: click to zoom in</source>
        <translation>
            <numerusform>此处 %n 张未结工单：点击放大</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people here: click to zoom in</source>
        <translation>
            <numerusform>此处 %n 人：点击放大</numerusform>
        </translation>
    </message>
    <message>
        <source>Click or press %1 to dispatch to this person</source>
        <translation>点击或按 %1 派单给此人</translation>
    </message>
</context>
<context>
    <name>crewline::client::MergeDialog</name>
    <message>
        <source>Merge duplicates into %1</source>
        <translation>将重复工单合并到 %1</translation>
    </message>
    <message>
        <source>The duplicates&apos; messages, attachments and history move to %1 (“%2”); the duplicates are closed and point to it.</source>
        <translation>重复工单的消息、附件和历史记录将移到 %1（“%2”）；重复工单将被关闭，并指向该工单。</translation>
    </message>
    <message>
        <source>Ticket numbers of the duplicates (separated by spaces or commas):</source>
        <translation>重复工单的编号（以空格或逗号分隔）：</translation>
    </message>
    <message>
        <source>e.g. WO-2026-000123, WO-2026-000131</source>
        <translation>例如 WO-2026-000123, WO-2026-000131</translation>
    </message>
    <message>
        <source>Possible duplicates (Enter or double-click adds one):</source>
        <translation>可能重复的工单（按 Enter 或双击即可添加）：</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>not found among the loaded tickets</source>
        <translation>在已加载的工单中未找到</translation>
    </message>
    <message>
        <source>is the ticket you merge into</source>
        <translation>就是合并目标工单</translation>
    </message>
    <message>
        <source>was already merged</source>
        <translation>已被合并过</translation>
    </message>
    <message>
        <source>is listed twice</source>
        <translation>重复填写</translation>
    </message>
</context>
<context>
    <name>crewline::client::NewTicketDialog</name>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Hotline (phone)</source>
        <translation>热线电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Web form</source>
        <translation>网页表单</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>系统对接</translation>
    </message>
    <message>
        <source>Field report</source>
        <translation>现场上报</translation>
    </message>
    <message>
        <source>QR code page</source>
        <translation>扫码报修页</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>One line is enough</source>
        <translation>一句话概括即可</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>优先级(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>Depa&amp;rtment:</source>
        <translation>部门(&amp;R)：</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>电话或电子邮件</translation>
    </message>
    <message>
        <source>Re&amp;quester:</source>
        <translation>报修人(&amp;Q)：</translation>
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation>联系方式(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Latitude, longitude (optional), e.g. 31.2304, 121.4737</source>
        <translation>纬度, 经度（可选），例如 31.2304, 121.4737</translation>
    </message>
    <message>
        <source>Coordi&amp;nates:</source>
        <translation>坐标(&amp;N)：</translation>
    </message>
    <message>
        <source>(decided by the rules)</source>
        <translation>（按规则自动确定）</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>渠道(&amp;H)：</translation>
    </message>
    <message>
        <source>Tea&amp;m:</source>
        <translation>团队(&amp;M)：</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Write a title or a description.</source>
        <translation>请填写标题或描述。</translation>
    </message>
    <message>
        <source>Coordinates are latitude and longitude in degrees, e.g. 31.2304, 121.4737.</source>
        <translation>坐标为以度为单位的纬度和经度，例如 31.2304, 121.4737。</translation>
    </message>
    <message>
        <source>The description is too long.</source>
        <translation>描述过长。</translation>
    </message>
    <message>
        <source>The ticket could not be queued: you are not signed in.</source>
        <translation>无法提交工单：您尚未登录。</translation>
    </message>
</context>
<context>
    <name>crewline::client::NotificationPanel</name>
    <message>
        <source>Mark all read</source>
        <translation>全部标为已读</translation>
    </message>
</context>
<context>
    <name>crewline::client::Outbox</name>
    <message>
        <source>%1 — refused: %2</source>
        <translation>%1 — 被拒绝：%2</translation>
    </message>
    <message>
        <source>%1 — sending…</source>
        <translation>%1 — 正在发送…</translation>
    </message>
    <message>
        <source>%1 — waiting to be sent</source>
        <translation>%1 — 等待发送</translation>
    </message>
</context>
<context>
    <name>crewline::client::PendingPanel</name>
    <message>
        <source>Dismiss refused action</source>
        <translation>移除被拒绝的操作</translation>
    </message>
    <message>
        <source>Changes made while offline wait here and are sent, once, when the connection is back.</source>
        <translation>离线时所做的修改会在此等待，连接恢复后发送（只发送一次）。</translation>
    </message>
</context>
<context>
    <name>crewline::client::Presence</name>
    <message>
        <source>%1 is replying</source>
        <translation>%1 正在回复</translation>
    </message>
    <message>
        <source>%1 is viewing</source>
        <translation>%1 正在查看</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>另有 %n 人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crewline::client::StaffModel</name>
    <message>
        <source>Engineer</source>
        <translation>维修人员</translation>
    </message>
    <message>
        <source>Dispatcher</source>
        <translation>调度员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>在现场</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>不在岗</translation>
    </message>
    <message numerus="yes">
        <source>%n open ticket(s)</source>
        <translation>
            <numerusform>在办工单 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Skills: %1</source>
        <translation>技能：%1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Frozen for today: not dispatched automatically</source>
        <translation>今日已冻结：不参与自动派单</translation>
    </message>
</context>
<context>
    <name>crewline::client::StaffPanel</name>
    <message>
        <source>Search name, team, skill…</source>
        <translation>搜索姓名、团队、技能…</translation>
    </message>
    <message>
        <source>On &amp;duty only</source>
        <translation>仅显示在岗人员(&amp;D)</translation>
    </message>
    <message>
        <source>Drop tickets on a person to assign them.</source>
        <translation>将工单拖放到人员上即可派单。</translation>
    </message>
    <message>
        <source>Your role may not assign tickets.</source>
        <translation>您的角色无权派单。</translation>
    </message>
    <message numerus="yes">
        <source>Assigning %n ticket(s) to %1.</source>
        <translation>
            <numerusform>正在将 %n 个工单派给 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: %1 is off duty.</source>
        <translation>注意：%1 当前不在岗。</translation>
    </message>
    <message>
        <source>Not possible for %1 (closed, suspended or not loaded).</source>
        <translation>%1 无法派单（已关闭、已挂起或未加载）。</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketActions</name>
    <message>
        <source>&amp;Assign…</source>
        <translation>派单(&amp;A)…</translation>
    </message>
    <message>
        <source>Accep&amp;t</source>
        <translation>接单(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>回复(&amp;R)</translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation>内部备注(&amp;N)</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>Add internal note</source>
        <translation>添加内部备注</translation>
    </message>
    <message>
        <source>&amp;Suspend…</source>
        <translation>挂起(&amp;S)…</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>恢复(&amp;U)</translation>
    </message>
    <message>
        <source>Ur&amp;ge</source>
        <translation>催单(&amp;G)</translation>
    </message>
    <message>
        <source>S&amp;plit…</source>
        <translation>拆分(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Merge duplicates…</source>
        <translation>合并重复工单(&amp;M)…</translation>
    </message>
    <message>
        <source>Appro&amp;ve</source>
        <translation>批准(&amp;V)</translation>
    </message>
    <message>
        <source>Re&amp;ject approval…</source>
        <translation>驳回审批(&amp;J)…</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>重新打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Attach &amp;file…</source>
        <translation>添加附件(&amp;F)…</translation>
    </message>
    <message>
        <source>Save ticket details</source>
        <translation>保存工单详情</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>完工销单…</translation>
    </message>
    <message>
        <source>Confirm…</source>
        <translation>确认完成…</translation>
    </message>
    <message>
        <source>Reject back…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Record callback…</source>
        <translation>回访确认…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>关闭…</translation>
    </message>
    <message>
        <source>Cancel ticket…</source>
        <translation>作废工单…</translation>
    </message>
    <message>
        <source>Arrived on site</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Decline…</source>
        <translation>拒单…</translation>
    </message>
    <message>
        <source>Return to queue…</source>
        <translation>退回待分配…</translation>
    </message>
    <message>
        <source>Return to engineer…</source>
        <translation>退回维修人员…</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketCardDelegate</name>
    <message>
        <source>unaccepted %1</source>
        <translation>未接单 %1</translation>
    </message>
    <message>
        <source>open %1</source>
        <translation>未结 %1</translation>
    </message>
    <message>
        <source>urged %1</source>
        <translation>催单 %1 次</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Team %1</source>
        <translation>团队：%1</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未派单</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketDetailView</name>
    <message>
        <source>No ticket selected.</source>
        <translation>未选择工单。</translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Changes to this ticket have not been confirmed by the server yet.</source>
        <translation>对此工单的修改尚未得到服务器确认。</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>对话(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>详情(&amp;D)</translation>
    </message>
    <message>
        <source>A&amp;ttachments</source>
        <translation>附件(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史记录(&amp;H)</translation>
    </message>
    <message>
        <source>split the ticket</source>
        <translation>拆分工单</translation>
    </message>
    <message>
        <source>save the changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Cannot show this ticket: %1</source>
        <translation>无法显示此工单：%1</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>刷新失败：%1</translation>
    </message>
    <message>
        <source>A&amp;ttachments (%1)</source>
        <translation>附件（%1）(&amp;T)</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未派单</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>用户 #%1</translation>
    </message>
    <message numerus="yes">
        <source>urged %n time(s)</source>
        <translation>
            <numerusform>已催单 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged into %1. Work continues there.</source>
        <translation>已合并到 %1，请在该工单中继续处理。</translation>
    </message>
    <message>
        <source>Waiting for a %1 to approve “%2”.</source>
        <translation>等待 %1 审批“%2”。</translation>
    </message>
    <message>
        <source>Suspended (the SLA clock is stopped); resumes to “%1”.</source>
        <translation>已挂起（SLA 计时已暂停）；恢复后回到“%1”。</translation>
    </message>
    <message>
        <source>Not confirmed by the server yet:</source>
        <translation>尚未得到服务器确认：</translation>
    </message>
    <message>
        <source>Could not %1: you may not do this now, or the ticket is not loaded.</source>
        <translation>无法%1：您当前无权执行此操作，或工单尚未加载。</translation>
    </message>
    <message>
        <source>add the note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>send the reply</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>assign the ticket</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>accept the ticket</source>
        <translation>接单</translation>
    </message>
    <message>
        <source>Suspend %1</source>
        <translation>挂起 %1</translation>
    </message>
    <message>
        <source>While suspended the SLA clock stops. The reason is kept as an internal note.</source>
        <translation>挂起期间 SLA 计时暂停。原因将作为内部备注保存。</translation>
    </message>
    <message>
        <source>suspend the ticket</source>
        <translation>挂起工单</translation>
    </message>
    <message>
        <source>resume the ticket</source>
        <translation>恢复工单</translation>
    </message>
    <message>
        <source>urge the ticket</source>
        <translation>催单</translation>
    </message>
    <message>
        <source>merge the tickets</source>
        <translation>合并工单</translation>
    </message>
    <message>
        <source>Approve %1</source>
        <translation>批准：%1</translation>
    </message>
    <message>
        <source>Reject %1</source>
        <translation>驳回审批：%1</translation>
    </message>
    <message>
        <source>“%1” on %2 takes effect now.</source>
        <translation>%2 的“%1”将立即生效。</translation>
    </message>
    <message>
        <source>“%1” on %2 does not happen. Say why.</source>
        <translation>%2 的“%1”将不会执行。请说明原因。</translation>
    </message>
    <message>
        <source>decide the approval</source>
        <translation>处理审批</translation>
    </message>
    <message>
        <source>reopen the ticket</source>
        <translation>重新打开工单</translation>
    </message>
    <message>
        <source>perform “%1”</source>
        <translation>执行“%1”</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketFieldsForm</name>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>编号：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>优先级(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>De&amp;partment:</source>
        <translation>部门(&amp;P)：</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Requester and place</source>
        <translation>报修人与地点</translation>
    </message>
    <message>
        <source>Requester:</source>
        <translation>报修人：</translation>
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation>联系方式(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Coordinates:</source>
        <translation>坐标：</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Assignee:</source>
        <translation>处理人：</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>团队：</translation>
    </message>
    <message>
        <source>Urged:</source>
        <translation>催单次数：</translation>
    </message>
    <message>
        <source>Pending approval:</source>
        <translation>待审批：</translation>
    </message>
    <message>
        <source>Merged into:</source>
        <translation>合并至：</translation>
    </message>
    <message>
        <source>Linked tickets:</source>
        <translation>关联工单：</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>更新时间：</translation>
    </message>
    <message>
        <source>Accepted:</source>
        <translation>接单时间：</translation>
    </message>
    <message>
        <source>First response:</source>
        <translation>首次响应时间：</translation>
    </message>
    <message>
        <source>Resolved:</source>
        <translation>解决时间：</translation>
    </message>
    <message>
        <source>Closed:</source>
        <translation>关闭时间：</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Work fields</source>
        <translation>业务字段</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>用户 #%1</translation>
    </message>
    <message>
        <source>(from %1)</source>
        <translation>（原状态：%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, asked by %2 on %3; needs a %4</source>
        <translation>%1，由 %2 于 %3 提交；需 %4 审批</translation>
    </message>
    <message>
        <source>split from</source>
        <translation>拆分自</translation>
    </message>
    <message>
        <source>split into</source>
        <translation>拆分为</translation>
    </message>
    <message>
        <source>related</source>
        <translation>相关</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Split into</source>
        <translation>拆分为</translation>
    </message>
    <message>
        <source>Merged from</source>
        <translation>合并自</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketFilterModel</name>
    <message>
        <source>All open</source>
        <translation>全部未结</translation>
    </message>
    <message>
        <source>My open</source>
        <translation>我的未结</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未派单</translation>
    </message>
    <message>
        <source>Urgent today</source>
        <translation>今日紧急</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketModel</name>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (awaiting approval)</source>
        <translation>%1（待审批）</translation>
    </message>
    <message>
        <source>You have a change on this ticket that the server has not confirmed yet.</source>
        <translation>您对此工单的修改尚未得到服务器确认。</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Department / area</source>
        <translation>部门/片区</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Urged</source>
        <translation>催单次数</translation>
    </message>
</context>
<context>
    <name>crewline::client::TicketTableView</name>
    <message>
        <source>Saved views</source>
        <translation>已保存的视图</translation>
    </message>
    <message>
        <source>Search number, title, requester, address… (Ctrl+F)</source>
        <translation>搜索编号、标题、报修人、地址…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未派单</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>仅未结</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>保存视图…</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>搜索历史工单</translation>
    </message>
    <message>
        <source>Search all tickets on the server, including old closed ones</source>
        <translation>在服务器上搜索全部工单，包括早已关闭的工单</translation>
    </message>
    <message>
        <source>Server search failed</source>
        <translation>服务器搜索失败</translation>
    </message>
    <message numerus="yes">
        <source>%n found on the server</source>
        <translation>
            <numerusform>在服务器上找到 %n 个工单</numerusform>
        </translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>所选工单</translation>
    </message>
    <message>
        <source>Assign selected…</source>
        <translation>为所选工单派单…</translation>
    </message>
    <message>
        <source>Transition selected…</source>
        <translation>流转所选工单…</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>任意优先级</translation>
    </message>
    <message>
        <source>Any team</source>
        <translation>任意团队</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>任意处理人</translation>
    </message>
    <message>
        <source>%1 of %2 tickets</source>
        <translation>显示 %1 个，共 %2 个工单</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>视图名称：</translation>
    </message>
    <message numerus="yes">
        <source>Assign %n ticket(s)</source>
        <translation>
            <numerusform>派单（%n 个工单）</numerusform>
        </translation>
    </message>
    <message>
        <source>Assign to:</source>
        <translation>派给：</translation>
    </message>
    <message>
        <source>No step is possible for all selected tickets.</source>
        <translation>没有可同时用于所有所选工单的步骤。</translation>
    </message>
    <message numerus="yes">
        <source>Transition %n ticket(s)</source>
        <translation>
            <numerusform>流转（%n 个工单）</numerusform>
        </translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>This step needs a reason:</source>
        <translation>此步骤需要填写原因：</translation>
    </message>
    <message numerus="yes">
        <source>%n or more found on the server</source>
        <translation>
            <numerusform>在服务器上找到至少 %n 个工单</numerusform>
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
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>This step needs the approval of a %1. It takes effect once approved.</source>
        <translation>此步骤需要 %1 审批，审批通过后生效。</translation>
    </message>
    <message>
        <source>The comment is added to the conversation: the requester can read it.</source>
        <translation>说明将添加到对话中，报修人可以看到。</translation>
    </message>
    <message>
        <source>%1 is not set yet. Set it first, then try this step again.</source>
        <translation>尚未设置%1。请先设置，然后再执行此步骤。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>What was done, and the outcome</source>
        <translation>做了哪些处理，结果如何</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1（必填）</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>说明（可选）</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>原因（必填）：</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Callback result</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>坐标</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Requester contact</source>
        <translation>报修人联系方式</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Partly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Unresolved</source>
        <translation>未解决</translation>
    </message>
    <message>
        <source>Callback: called</source>
        <translation>回访对象</translation>
    </message>
    <message>
        <source>Callback: when</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Callback: note</source>
        <translation>回访备注</translation>
    </message>
    <message>
        <source>Customer&apos;s confirmation (QR)</source>
        <translation>客户扫码确认</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Could not reach the customer</source>
        <translation>联系不上客户</translation>
    </message>
</context>
<context>
    <name>crewline::client::WorkOrderPrinting</name>
    <message>
        <source>Ticket %1 could not be loaded: %2</source>
        <translation>工单 %1 无法加载：%2</translation>
    </message>
    <message>
        <source>%1 is printed without a confirmation link (%2).</source>
        <translation>%1 打印时没有确认链接（%2）。</translation>
    </message>
    <message>
        <source>Select the tickets to print first.</source>
        <translation>请先选择要打印的工单。</translation>
    </message>
    <message>
        <source>Crew sheet</source>
        <translation>班组派工单</translation>
    </message>
    <message>
        <source>Engineer: %1</source>
        <translation>维修人员：%1</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>班组：%1</translation>
    </message>
    <message>
        <source>Engineer or team</source>
        <translation>维修人员或班组</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message numerus="yes">
        <source>%n open work order(s)</source>
        <translation>
            <numerusform>%n 张未完成工单</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Nothing to print.</source>
        <translation>没有可打印的内容。</translation>
    </message>
    <message>
        <source>crew-sheet-%1.pdf</source>
        <translation>班组派工单-%1.pdf</translation>
    </message>
    <message>
        <source>work-orders.pdf</source>
        <translation>工单.pdf</translation>
    </message>
    <message>
        <source>Export work orders to PDF</source>
        <translation>导出工单为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Crew sheet %1</source>
        <translation>班组派工单 %1</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Crew sheet %1 — print preview</source>
        <translation>班组派工单 %1 — 打印预览</translation>
    </message>
    <message>
        <source>Work orders — print preview</source>
        <translation>工单 — 打印预览</translation>
    </message>
    <message numerus="yes">
        <source>%n work order(s) ready to print.</source>
        <translation>
            <numerusform>%n 张工单已可打印。</numerusform>
        </translation>
    </message>
    <message>
        <source>Print settings</source>
        <translation>打印设置</translation>
    </message>
    <message>
        <source>Printed at the top of every work order</source>
        <translation>打印在每张工单的顶部</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.svg)</translation>
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
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Service line</source>
        <translation>服务热线</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
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
        <translation>班组派工单</translation>
    </message>
    <message numerus="yes">
        <source>%n work order(s) follow, one per page.</source>
        <translation>
            <numerusform>后附 %n 张工单，每页一张。</numerusform>
        </translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see the pages that follow)</source>
        <translation>
            <numerusform>……另有 %n 张（见后续页面）</numerusform>
        </translation>
    </message>
    <message>
        <source>Prepared by %1 · %2 · Page %3 of %4</source>
        <translation>制表：%1 · %2 · 第 %3 页，共 %4 页</translation>
    </message>
    <message>
        <source>Service line: %1</source>
        <translation>服务热线：%1</translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation>版本 %1 · %2</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>维修人员</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>(no address)</source>
        <translation>（无地址）</translation>
    </message>
    <message>
        <source>Department: %1</source>
        <translation>部门：%1</translation>
    </message>
    <message>
        <source>Find the place by the address.</source>
        <translation>请按地址查找现场。</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Materials used</source>
        <translation>使用材料</translation>
    </message>
    <message>
        <source>Work done as described</source>
        <translation>已按描述完成工作</translation>
    </message>
    <message>
        <source>Material / specification</source>
        <translation>材料 / 规格</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Time on site</source>
        <translation>现场时间</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到达</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Hours on site</source>
        <translation>现场工时</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>完工确认</translation>
    </message>
    <message>
        <source>Customer: scan to confirm the result — satisfied, partly resolved or unresolved — and rate the work.</source>
        <translation>请客户扫码确认处理结果（满意 / 部分解决 / 未解决）并评分。</translation>
    </message>
    <message>
        <source>No confirmation link: the server serves no confirmation page, or the order was printed offline.</source>
        <translation>无确认链接：服务器未开启确认页面，或工单为离线打印。</translation>
    </message>
    <message>
        <source>Engineer signature</source>
        <translation>维修人员签字</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Customer signature</source>
        <translation>客户签字</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>(no history)</source>
        <translation>（无记录）</translation>
    </message>
    <message>
        <source>Printed by %1 · %2 · version %3</source>
        <translation>打印人：%1 · %2 · 版本 %3</translation>
    </message>
    <message>
        <source>Draft (not recorded) · version %1</source>
        <translation>草稿（未登记）· 版本 %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Crew sheet %1</source>
        <translation>班组派工单 %1</translation>
    </message>
    <message>
        <source>Work order %1</source>
        <translation>工单 %1</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>crewline::client::Workspace</name>
    <message>
        <source>Assigned to you: %1</source>
        <translation>派给您的工单：%1</translation>
    </message>
    <message>
        <source>%1 assigned “%2” to you.</source>
        <translation>%1 将“%2”派给了您。</translation>
    </message>
    <message>
        <source>Urged: %1</source>
        <translation>催单：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 is pressing on “%2” (urged %n time(s)).</source>
        <translation>
            <numerusform>%1 正在催办“%2”（已催单 %n 次）。</numerusform>
        </translation>
    </message>
    <message>
        <source>New message on %1</source>
        <translation>%1 有新消息</translation>
    </message>
    <message>
        <source>%1 changed %2</source>
        <translation>%1 修改了 %2</translation>
    </message>
    <message>
        <source>Urgent ticket: %1</source>
        <translation>紧急工单：%1</translation>
    </message>
    <message>
        <source>New ticket “%1”</source>
        <translation>新建工单“%1”</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>Assign %1 to %2</source>
        <translation>将 %1 派给 %2</translation>
    </message>
    <message>
        <source>Accept %1</source>
        <translation>接单 %1</translation>
    </message>
    <message>
        <source>Internal note on %1</source>
        <translation>在 %1 添加内部备注</translation>
    </message>
    <message>
        <source>Reply on %1</source>
        <translation>回复 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Approve %1</source>
        <translation>批准 %1</translation>
    </message>
    <message>
        <source>Reject approval of %1</source>
        <translation>驳回 %1 的审批</translation>
    </message>
    <message>
        <source>Suspend %1</source>
        <translation>挂起 %1</translation>
    </message>
    <message>
        <source>Resume %1</source>
        <translation>恢复 %1</translation>
    </message>
    <message>
        <source>Urge %1</source>
        <translation>催单 %1</translation>
    </message>
    <message>
        <source>Reopen %1</source>
        <translation>重新打开 %1</translation>
    </message>
    <message>
        <source>Split %1</source>
        <translation>拆分 %1</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation>将 %1 合并到 %2</translation>
    </message>
    <message>
        <source>Claim %1</source>
        <translation>抢单 %1</translation>
    </message>
    <message>
        <source>Freeze %1 for today</source>
        <translation>今日冻结 %1</translation>
    </message>
    <message>
        <source>Lift the freeze on %1</source>
        <translation>解除 %1 的冻结</translation>
    </message>
    <message>
        <source>Not accepted in time: %1</source>
        <translation>超时未接单：%1</translation>
    </message>
    <message>
        <source>“%1” was re-dispatched to you.</source>
        <translation>“%1”已改派给您。</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>Emergency offered to you: %1</source>
        <translation>紧急工单推送给您：%1</translation>
    </message>
    <message>
        <source>“%1” — the first to accept takes it.</source>
        <translation>“%1”——先接单者得。</translation>
    </message>
    <message>
        <source>New in the claim pool: %1</source>
        <translation>抢单池新工单：%1</translation>
    </message>
    <message>
        <source>Taken by someone else: %1</source>
        <translation>已被他人接走：%1</translation>
    </message>
    <message>
        <source>%1 took “%2”.</source>
        <translation>%1 接走了“%2”。</translation>
    </message>
    <message>
        <source>“%1” was dispatched to you automatically.</source>
        <translation>“%1”已自动派给您。</translation>
    </message>
    <message>
        <source>Your role may not print work orders.</source>
        <translation>您的角色无权打印工单。</translation>
    </message>
    <message>
        <source>Escalated: customer says %1 is unresolved</source>
        <translation>已升级：客户反馈 %1 未解决</translation>
    </message>
    <message>
        <source>Low rating on %1: %2 of 5</source>
        <translation>%1 评分偏低：%2 / 5 分</translation>
    </message>
</context>
<context>
    <name>crewline::geo::GeoJson</name>
    <message>
        <source>the document is not a JSON object</source>
        <translation>文档不是 JSON 对象</translation>
    </message>
    <message>
        <source>expected an array of features</source>
        <translation>此处应为要素（feature）数组</translation>
    </message>
    <message>
        <source>the document has no &quot;type&quot;</source>
        <translation>文档缺少 &quot;type&quot;</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>expected a position [longitude, latitude]</source>
        <translation>此处应为坐标 [经度, 纬度]</translation>
    </message>
    <message>
        <source>position [%1, %2] is outside the world (GeoJSON puts the longitude first)</source>
        <translation>坐标 [%1, %2] 超出范围（GeoJSON 中经度在前）</translation>
    </message>
    <message>
        <source>expected an array of positions</source>
        <translation>此处应为坐标数组</translation>
    </message>
    <message>
        <source>needs at least %1 positions</source>
        <translation>至少需要 %1 个坐标</translation>
    </message>
    <message>
        <source>expected an array of linear rings</source>
        <translation>此处应为线环数组</translation>
    </message>
    <message>
        <source>a linear ring must end where it starts</source>
        <translation>线环的终点必须与起点相同</translation>
    </message>
    <message>
        <source>expected a geometry object</source>
        <translation>此处应为几何对象</translation>
    </message>
    <message>
        <source>expected an array</source>
        <translation>此处应为数组</translation>
    </message>
    <message>
        <source>expected an array of lines</source>
        <translation>此处应为线数组</translation>
    </message>
    <message>
        <source>expected an array of polygons</source>
        <translation>此处应为多边形数组</translation>
    </message>
    <message>
        <source>the geometry has no &quot;type&quot;</source>
        <translation>几何对象缺少 &quot;type&quot;</translation>
    </message>
    <message>
        <source>unknown geometry type &quot;%1&quot;</source>
        <translation>未知的几何类型 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected an object with &quot;type&quot;: &quot;Feature&quot;</source>
        <translation>此处应为 &quot;type&quot;: &quot;Feature&quot; 的对象</translation>
    </message>
    <message>
        <source>expected an object or null</source>
        <translation>此处应为对象或 null</translation>
    </message>
    <message>
        <source>the feature has no &quot;geometry&quot;</source>
        <translation>要素缺少 &quot;geometry&quot;</translation>
    </message>
    <message>
        <source>Not valid JSON at line %1, column %2: %3</source>
        <translation>第 %1 行第 %2 列不是有效的 JSON：%3</translation>
    </message>
    <message>
        <source>Not GeoJSON: %1</source>
        <translation>不是 GeoJSON：%1</translation>
    </message>
    <message>
        <source>Not GeoJSON at %1: %2</source>
        <translation>%1 处不是 GeoJSON：%2</translation>
    </message>
</context>
<context>
    <name>crewline::geo::MbTiles</name>
    <message>
        <source>The MBTiles file %1 does not exist.</source>
        <translation>MBTiles 文件 %1 不存在。</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not an MBTiles file (no metadata table).</source>
        <translation>%1 不是 MBTiles 文件（缺少 metadata 表）。</translation>
    </message>
    <message>
        <source>%1 is not an MBTiles file (no tiles table).</source>
        <translation>%1 不是 MBTiles 文件（缺少 tiles 表）。</translation>
    </message>
</context>
<context>
    <name>crewline::geo::TileLoader</name>
    <message>
        <source>The tile URL must be http(s) and contain {z}, {x} and {y}: %1</source>
        <translation>瓦片地址必须是 http(s)，并包含 {z}、{x} 和 {y}：%1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Too many failed attempts: the account is locked for a while.</source>
        <translation>登录失败次数过多：账户已被暂时锁定。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Unknown server certificate</source>
        <translation>未知的服务器证书</translation>
    </message>
    <message>
        <source>The server %1 presents a certificate this computer does not know (%2).

SHA-256 fingerprint:
%3

Compare it with the one your administrator gave you. Trust it from now on?</source>
        <translation>服务器 %1 提供了本机无法识别的证书（%2）。

SHA-256 指纹：
%3

请与管理员提供的指纹进行核对。是否从现在起信任此证书？</translation>
    </message>
    <message>
        <source>The server certificate was not trusted.</source>
        <translation>未信任服务器证书。</translation>
    </message>
    <message>
        <source>Server certificate changed</source>
        <translation>服务器证书已变更</translation>
    </message>
    <message>
        <source>The certificate of %1 is not the one you trusted before.

Trusted: %2
Offered: %3

This can mean someone is intercepting the connection. The console will not connect. Ask your administrator.</source>
        <translation>%1 的证书与您之前信任的证书不同。

已信任：%2
当前提供：%3

这可能意味着有人正在截获连接，控制台将不会连接。请联系管理员。</translation>
    </message>
</context>
</TS>
