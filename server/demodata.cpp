// Builds the demo data set described in demodata.h. All text and geography lives in one table built on first use;
// tickets are assembled from those tables with a small per-ticket generator so that makeTicket stays cheap.

#include "server/demodata.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <numeric>
#include <vector>

using namespace Qt::StringLiterals;

namespace crewline::demo {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kChinaOffset = 8 * kHour; // the city keeps UTC+8 all year
constexpr double kPi = 3.14159265358979323846;
constexpr double kKmPerDegree = 111.32;

QString utf8(const char *text)
{
    return QString::fromUtf8(text);
}

QDateTime utcFromMs(qint64 ms)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
#else
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
#endif
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Random numbers

constexpr quint64 mix64(quint64 z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// SplitMix64: seeding costs nothing, unlike QRandomGenerator's Mersenne Twister, whose seeding alone would take
// longer than building a whole ticket. Its output is fully specified, so the same seed gives the same tickets on every
// platform (coordinates are rounded to hide last-bit differences between maths libraries).
class FastRng
{
public:
    explicit FastRng(quint64 state)
        : m_state(state)
    {
    }
    quint64 next()
    {
        m_state += 0x9e3779b97f4a7c15ULL;
        return mix64(m_state);
    }
    int bounded(int n) { return n <= 1 ? 0 : int(((next() >> 32) * quint64(n)) >> 32); }
    double real() { return double(next() >> 11) * 0x1.0p-53; }

private:
    quint64 m_state;
};

// The same interface over QRandomGenerator, for the sequential parts of generate().
class QtRng
{
public:
    explicit QtRng(QRandomGenerator &g)
        : m_g(g)
    {
    }
    quint64 next() { return m_g.generate64(); }
    int bounded(int n) { return n <= 1 ? 0 : m_g.bounded(n); }
    double real() { return m_g.generateDouble(); }

private:
    QRandomGenerator &m_g;
};

template<typename R>
int range(R &rng, int lo, int hi) // inclusive
{
    return lo + rng.bounded(hi - lo + 1);
}

template<typename R>
bool chance(R &rng, double p)
{
    return rng.real() < p;
}

template<typename R, typename T>
const T &pickOne(R &rng, const QList<T> &list)
{
    return list.at(rng.bounded(int(list.size())));
}

// Cumulative weights, so a weighted pick is one draw and a short scan.
class Weighted
{
public:
    Weighted() = default;
    Weighted(std::initializer_list<int> weights)
        : Weighted(std::vector<int>(weights))
    {
    }
    explicit Weighted(const std::vector<int> &weights)
    {
        int sum = 0;
        for (int w : weights)
            m_cumulative.push_back(sum += w);
    }
    template<typename R>
    int pick(R &rng) const
    {
        const int r = rng.bounded(m_cumulative.back());
        return int(std::upper_bound(m_cumulative.begin(), m_cumulative.end(), r) - m_cumulative.begin());
    }

private:
    std::vector<int> m_cumulative;
};

// ---------------------------------------------------------------------------------------------------------------
// Text templates: "{street}{no}号附近" is parsed once into literal and variable segments, so rendering a ticket is a
// few appends of shared strings rather than a QString::arg() per placeholder.

enum class Var : quint8
{
    Text,
    Building,
    BuildingEn,
    Floor,
    Room,
    Ordinal,
    District,
    Street,
    HouseNo,
    Community,
    Block,
    Unit,
    Flat,
    Since,
    SinceEn,
};

struct Segment
{
    Var var = Var::Text;
    QString text;
};

using Template = QList<Segment>;

Template parseTemplate(const char *source)
{
    static const QList<QPair<QString, Var>> names = {
        {u"bldg"_s, Var::Building}, {u"bldgEn"_s, Var::BuildingEn}, {u"floor"_s, Var::Floor},
        {u"room"_s, Var::Room},     {u"ord"_s, Var::Ordinal},       {u"district"_s, Var::District},
        {u"street"_s, Var::Street}, {u"no"_s, Var::HouseNo},        {u"community"_s, Var::Community},
        {u"block"_s, Var::Block},   {u"unit"_s, Var::Unit},         {u"flat"_s, Var::Flat},
        {u"since"_s, Var::Since},   {u"sinceEn"_s, Var::SinceEn},
    };
    const QString text = utf8(source);
    Template out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u'{', pos);
        if (open < 0) {
            out.append({Var::Text, text.mid(pos)});
            break;
        }
        if (open > pos)
            out.append({Var::Text, text.mid(pos, open - pos)});
        const qsizetype close = text.indexOf(u'}', open);
        Q_ASSERT(close > open);
        const QString name = text.mid(open + 1, close - open - 1);
        const auto it = std::find_if(names.begin(), names.end(), [&](const auto &p) { return p.first == name; });
        Q_ASSERT_X(it != names.end(), "parseTemplate", "unknown placeholder");
        out.append({it != names.end() ? it->second : Var::Text, QString()});
        pos = close + 1;
    }
    return out;
}

QStringList strings(std::initializer_list<const char *> sources)
{
    QStringList out;
    for (const char *s : sources)
        out.append(utf8(s));
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

const QStringList kSkills = {u"pipe"_s,    u"meter"_s, u"valve"_s,   u"electrical"_s,
                             u"network"_s, u"pc"_s,    u"printer"_s, u"account"_s};
enum Skill
{
    Pipe,
    Meter,
    Valve,
    Electrical,
    Network,
    Pc,
    Printer,
    Account
};

// Positions in allSourceNames().
enum Source
{
    Console,
    Email,
    Web,
    Hotline,
    Api,
    Field,
    Qr
};

enum class Body
{
    Problem,   // location, since when, symptom: a fault report
    Statement, // the symptom template says everything itself: complaints and questions
};

// One way a problem shows up: its title, how the reporter describes it, and how it was fixed.
struct Variant
{
    const char *title;
    const char *symptom;
    const char *resolution;
};

// An English report (help desk only), resolved like the Chinese variant it mirrors.
struct EnglishVariant
{
    const char *title;
    const char *description;
    int variant;
};

struct Category
{
    QString name;
    int skill = Pipe;
    Weighted priorities; // low, normal, high, urgent
    Body body = Body::Problem;
    int streetShare = 0;    // percent of reports located on a street rather than in a flat
    QList<Template> titles; // these three are parallel: one entry per Variant
    QList<Template> symptoms;
    QStringList resolutions;
    QList<Template> titlesEn; // these three are parallel: one entry per EnglishVariant
    QList<Template> descriptionsEn;
    QList<int> variantsEn;
    double emergencyRate = 0; // share of reports that are emergencies, if the category has an emergency variant
    Template emergencyTitle;
    Template emergencySymptom;
    QString emergencyResolution;
    Template emergencyTitleEn;
    Template emergencyDescriptionEn;
};

Category category(const char *name, Skill skill, std::array<int, 4> priorities, Body body, int streetShare,
                  std::initializer_list<Variant> variants)
{
    Category c;
    c.name = utf8(name);
    c.skill = skill;
    c.priorities = Weighted{priorities[0], priorities[1], priorities[2], priorities[3]};
    c.body = body;
    c.streetShare = streetShare;
    for (const Variant &v : variants) {
        c.titles.append(parseTemplate(v.title));
        c.symptoms.append(parseTemplate(v.symptom));
        c.resolutions.append(utf8(v.resolution));
    }
    return c;
}

void english(Category &c, std::initializer_list<EnglishVariant> variants)
{
    for (const EnglishVariant &v : variants) {
        Q_ASSERT(v.variant < c.titles.size());
        c.titlesEn.append(parseTemplate(v.title));
        c.descriptionsEn.append(parseTemplate(v.description));
        c.variantsEn.append(v.variant);
    }
}

void emergency(Category &c, double rate, const Variant &v, const char *titleEn = nullptr,
               const char *descriptionEn = nullptr)
{
    c.emergencyRate = rate;
    c.emergencyTitle = parseTemplate(v.title);
    c.emergencySymptom = parseTemplate(v.symptom);
    c.emergencyResolution = utf8(v.resolution);
    if (titleEn) {
        c.emergencyTitleEn = parseTemplate(titleEn);
        c.emergencyDescriptionEn = parseTemplate(descriptionEn);
    }
}

// The life of a ticket type as a straight path; each step's mean duration in hours is per type.
struct Flow
{
    QStringList path;
    int firstResponse = 0; // index in path: reaching it counts as the first response
    int assign = 0;        // from here on the ticket has an assignee
    int accept = 0;
    int resolve = 0;
    int callback = -1; // reaching it records the callback result
    int close = 0;
    QList<int> suspendable;
};

// Who does the work, which decides the words in comments and which team is sent.
enum class Trade
{
    HelpDesk,
    Repair,
    Meter,
    Service
};

struct TicketType
{
    QString id;
    Trade trade = Trade::Repair;
    bool helpDesk = false;
    const Flow *flow = nullptr;
    std::vector<double> meanHours; // one per step of flow->path
    std::vector<Category> categories;
    Weighted categoryWeights;
};

struct Building
{
    QString zh;
    QString en;
    int floors = 1;
};

struct District
{
    QString name;
    GeoPoint center;
    QStringList streets;
    QStringList communities;
};

struct NamePart
{
    QString zh;
    QString pinyin;
};

struct Tables
{
    QStringList numbers;  // "0".."2999", shared instead of formatted per ticket
    QStringList ordinals; // "1st".."30th" at their index
    QString cityName;
    GeoPoint cityCenter;
    double cityRadiusKm = 0;
    std::vector<District> districts;
    Weighted districtWeights;
    QString campusName;
    GeoPoint campus;
    std::vector<Building> buildings;
    QStringList departments;
    std::vector<NamePart> surnames;
    Weighted surnameWeights;
    std::vector<NamePart> givenNames;
    QList<QPair<QString, QString>> westernNames; // display name, e-mail local part
    QStringList mobilePrefixes;

    Flow helpDeskFlow;
    Flow utilityFlow;
    Flow inquiryFlow;
    std::vector<TicketType> types;
    Weighted typeWeights;
    QString suspended;

    QStringList sources;
    Weighted helpDeskSources;
    Weighted utilitySources;
    Weighted helpDeskHours;
    Weighted utilityHours;

    QStringList sinceZh, sinceUtility, sinceEn;
    QStringList extraZh, requestZh, extraUtility, requestUtility, extraEn;
    QString emailGreeting, emailGreetingEn, emailSignOffEn, newline;
    QStringList utilityPrefixBySource; // indexed like sources
    QString consolePrefix;
    QString fieldRequest;

    QString keyResolution, keyCallbackResult, keyRating;
    QStringList callbackResults; // satisfied, partly, unresolved
    QString universityDomain, publicDomain, landlinePrefix;
    QString zhFloor, zhRoom, zhNo, zhNear, zhBlock, zhUnit, zhFlat, zhComma, zhPeriod;
};

void buildGeography(Tables &t)
{
    t.cityName = utf8("杭州市");
    t.cityCenter = GeoPoint::at(30.2741, 120.1551);
    t.cityRadiusKm = 50;
    struct Row
    {
        const char *name;
        double lat, lon;
        int weight;
        std::vector<const char *> streets, communities;
    };
    const std::initializer_list<Row> rows = {
        {"上城区",
         30.2500,
         120.1900,
         14,
         {"解放路", "延安路", "庆春路", "清泰街", "望江路", "钱江路", "秋涛路", "凯旋路"},
         {"采荷新村", "景芳三区", "望江家园", "近江小区"}},
        {"拱墅区",
         30.3190,
         120.1420,
         14,
         {"莫干山路", "湖墅南路", "上塘路", "大关路", "登云路", "德胜路", "文晖路", "石祥路"},
         {"朝晖六区", "德胜新村", "大关西苑", "和睦新村"}},
        {"西湖区",
         30.2650,
         120.1250,
         14,
         {"文三路", "文二路", "学院路", "天目山路", "古墩路", "教工路", "西溪路", "留下街"},
         {"翠苑一区", "古荡新村", "文鼎苑", "嘉绿苑"}},
        {"滨江区",
         30.2080,
         120.2120,
         10,
         {"江南大道", "滨盛路", "江陵路", "长河路", "丹枫路", "西兴路", "网商路", "闻涛路"},
         {"星月湾", "东方郡", "江南春城", "钱塘春晓"}},
        {"萧山区",
         30.1840,
         120.2640,
         13,
         {"人民路", "市心路", "金城路", "通惠路", "山阴路", "北干路", "育才路", "萧绍路"},
         {"南江公寓", "金色家园", "城厢新村", "北干一苑"}},
        {"余杭区",
         30.2730,
         119.9790,
         11,
         {"文一西路", "五常大道", "良睦路", "创景路", "荆长大道", "高教路", "仓前街"},
         {"西溪诚园", "五常新村", "良睦家园", "仓溢东苑"}},
        {"临平区",
         30.4190,
         120.2990,
         7,
         {"迎宾路", "人民大道", "星光街", "世纪大道", "南苑街", "汀兰街", "藕花洲大街"},
         {"星桥新村", "南苑新村", "东湖花园", "荷花塘小区"}},
        {"钱塘区",
         30.3080,
         120.3600,
         8,
         {"学源街", "文泽路", "下沙路", "天城东路", "义蓬街", "学林街", "文渊路"},
         {"文海北苑", "下沙新村", "学林雅苑", "义蓬新苑"}},
        {"富阳区",
         30.0490,
         119.9600,
         5,
         {"富春街", "江滨西大道", "金桥路", "桂花路", "体育馆路", "恩波大道"},
         {"富春花园", "金桥新村", "江滨花苑", "恩波小区"}},
        {"临安区",
         30.2330,
         119.7250,
         4,
         {"钱王街", "锦城街", "石镜街", "衣锦街", "城中街", "农林大路"},
         {"锦城花园", "钱王新村", "石镜小区", "衣锦苑"}},
    };
    std::vector<int> weights;
    for (const Row &r : rows) {
        QStringList streets, communities;
        for (const char *street : r.streets)
            streets << utf8(street);
        for (const char *community : r.communities)
            communities << utf8(community);
        t.districts.push_back({utf8(r.name), GeoPoint::at(r.lat, r.lon), streets, communities});
        weights.push_back(r.weight);
    }
    t.districtWeights = Weighted(weights);

    // The university sits in 西湖区; help-desk tickets are located on its campus.
    t.campusName = utf8("校本部");
    t.campus = GeoPoint::at(30.2800, 120.1150);
    t.buildings = {
        {utf8("行政楼"), u"Administration Building"_s, 6},    {utf8("图书馆"), u"Library"_s, 7},
        {utf8("理科楼"), u"Science Building"_s, 8},           {utf8("工科楼A座"), u"Engineering Building A"_s, 10},
        {utf8("工科楼B座"), u"Engineering Building B"_s, 10}, {utf8("商学院大楼"), u"Business School"_s, 9},
        {utf8("国际交流中心"), u"International Centre"_s, 5}, {utf8("实验中心"), u"Lab Centre"_s, 6},
        {utf8("学生宿舍3号楼"), u"Dormitory 3"_s, 6},         {utf8("体育馆"), u"Sports Centre"_s, 3},
    };
    t.departments = strings({"计算机学院", "图书馆", "财务处", "教务处", "人事处", "外国语学院", "数学科学学院",
                             "建筑学院", "学生事务中心", "后勤保障处", "国际合作处", "商学院"});
}

void buildPeople(Tables &t)
{
    const std::initializer_list<std::pair<const char *, const char *>> surnames = {
        {"王", "wang"},  {"李", "li"},    {"张", "zhang"}, {"刘", "liu"},   {"陈", "chen"}, {"杨", "yang"},
        {"黄", "huang"}, {"赵", "zhao"},  {"吴", "wu"},    {"周", "zhou"},  {"徐", "xu"},   {"孙", "sun"},
        {"马", "ma"},    {"朱", "zhu"},   {"胡", "hu"},    {"郭", "guo"},   {"何", "he"},   {"高", "gao"},
        {"林", "lin"},   {"罗", "luo"},   {"郑", "zheng"}, {"梁", "liang"}, {"谢", "xie"},  {"宋", "song"},
        {"唐", "tang"},  {"许", "xu"},    {"韩", "han"},   {"冯", "feng"},  {"邓", "deng"}, {"曹", "cao"},
        {"彭", "peng"},  {"曾", "zeng"},  {"肖", "xiao"},  {"田", "tian"},  {"董", "dong"}, {"袁", "yuan"},
        {"潘", "pan"},   {"蒋", "jiang"}, {"蔡", "cai"},   {"余", "yu"},    {"杜", "du"},   {"叶", "ye"},
        {"程", "cheng"}, {"苏", "su"},    {"魏", "wei"},   {"吕", "lv"},    {"丁", "ding"}, {"沈", "shen"},
        {"钱", "qian"},  {"金", "jin"},   {"俞", "yu"},    {"方", "fang"},
    };
    std::vector<int> weights;
    for (const auto &[zh, py] : surnames) {
        // The commonest surnames are far more frequent than the rest.
        weights.push_back(weights.size() < 5 ? 7 : weights.size() < 12 ? 4 : 2);
        t.surnames.push_back({utf8(zh), QString::fromLatin1(py)});
    }
    t.surnameWeights = Weighted(weights);

    const std::initializer_list<std::pair<const char *, const char *>> given = {
        {"伟", "wei"},       {"芳", "fang"},       {"娜", "na"},         {"敏", "min"},       {"静", "jing"},
        {"丽", "li"},        {"强", "qiang"},      {"磊", "lei"},        {"军", "jun"},       {"洋", "yang"},
        {"勇", "yong"},      {"艳", "yan"},        {"杰", "jie"},        {"娟", "juan"},      {"涛", "tao"},
        {"明", "ming"},      {"超", "chao"},       {"霞", "xia"},        {"平", "ping"},      {"刚", "gang"},
        {"婷", "ting"},      {"雪", "xue"},        {"浩", "hao"},        {"宇", "yu"},        {"晨", "chen"},
        {"凯", "kai"},       {"鹏", "peng"},       {"斌", "bin"},        {"秀英", "xiuying"}, {"桂英", "guiying"},
        {"建华", "jianhua"}, {"志强", "zhiqiang"}, {"晓明", "xiaoming"}, {"海燕", "haiyan"},  {"子涵", "zihan"},
        {"欣怡", "xinyi"},   {"梓萱", "zixuan"},   {"俊杰", "junjie"},   {"思远", "siyuan"},  {"佳怡", "jiayi"},
        {"一鸣", "yiming"},  {"雨桐", "yutong"},   {"建国", "jianguo"},  {"文博", "wenbo"},   {"晓东", "xiaodong"},
        {"丽华", "lihua"},   {"国强", "guoqiang"}, {"红梅", "hongmei"},  {"志伟", "zhiwei"},  {"春燕", "chunyan"},
        {"浩然", "haoran"},  {"诗涵", "shihan"},   {"子轩", "zixuan"},   {"嘉怡", "jiayi"},   {"宇航", "yuhang"},
        {"天佑", "tianyou"}, {"明轩", "mingxuan"}, {"晓燕", "xiaoyan"},  {"建军", "jianjun"}, {"玉兰", "yulan"},
    };
    for (const auto &[zh, py] : given)
        t.givenNames.push_back({utf8(zh), QString::fromLatin1(py)});

    t.westernNames = {{u"James Wilson"_s, u"james.wilson"_s},     {u"Emily Clarke"_s, u"emily.clarke"_s},
                      {u"David Miller"_s, u"david.miller"_s},     {u"Sarah Thompson"_s, u"sarah.thompson"_s},
                      {u"Anna Schmidt"_s, u"anna.schmidt"_s},     {u"Lucas Martin"_s, u"lucas.martin"_s},
                      {u"Sophie Laurent"_s, u"sophie.laurent"_s}, {u"Daniel Kim"_s, u"daniel.kim"_s}};
    t.mobilePrefixes = {u"130"_s, u"131"_s, u"132"_s, u"133"_s, u"135"_s, u"136"_s, u"137"_s, u"138"_s,
                        u"139"_s, u"150"_s, u"151"_s, u"152"_s, u"153"_s, u"155"_s, u"156"_s, u"157"_s,
                        u"158"_s, u"159"_s, u"166"_s, u"173"_s, u"177"_s, u"180"_s, u"181"_s, u"182"_s,
                        u"183"_s, u"185"_s, u"186"_s, u"187"_s, u"188"_s, u"189"_s, u"198"_s, u"199"_s};
    t.universityDomain = u"@univ.example"_s;
    t.publicDomain = u"@example.com"_s;
    t.landlinePrefix = u"0571-8"_s;
}

std::vector<Category> helpDeskCategories()
{
    std::vector<Category> out;
    {
        Category c = category(
            "网络", Network, {10, 55, 25, 10}, Body::Problem, 0,
            {{"{bldg}{floor}楼无线网络连不上", "电脑连不上无线网络，显示已连接但无法上网",
              "无线AP重启后恢复，已加入巡检清单。"},
             {"办公室有线网络时断时续", "有线网络每隔几分钟就断一次", "接入交换机端口故障，已更换端口并测试通过。"},
             {"校园网认证页面打不开", "校园网认证页面一直转圈打不开", "清除浏览器缓存并重新认证后恢复。"},
             {"网速很慢，网页打不开", "打开网页非常慢，视频会议经常卡住", "楼宇出口带宽拥塞，已调整限速策略。"},
             {"{bldg}{room}室网口没有信号", "墙上的网口插上网线没有任何反应", "网线水晶头损坏，重新压制后恢复。"},
             {"VPN连接失败", "在校外连接VPN一直提示超时", "VPN客户端版本过旧，升级后连接正常。"}});
        english(c, {{"VPN cannot connect",
                     "Since {sinceEn}, the VPN client times out when I connect from home. I have already restarted my "
                     "laptop.",
                     5},
                    {"Wi-Fi keeps dropping in {bldgEn}",
                     "The Wi-Fi in {bldgEn}, room {room} drops every few minutes since {sinceEn}. The wired network "
                     "works fine.",
                     0},
                    {"No network on the {ord} floor",
                     "Nobody on the {ord} floor of the {bldgEn} can get online since {sinceEn}.", 1}});
        emergency(c, 0.05,
                  {"{bldg}整栋楼断网", "整栋楼网络停机，所有办公室都上不了网，影响正常教学",
                   "楼宇汇聚交换机故障，已切换备用设备，全楼网络恢复。"},
                  "Network outage in the {bldgEn}",
                  "Complete network outage in the {bldgEn} since {sinceEn}. No office on any floor can get online.");
        out.push_back(std::move(c));
    }
    {
        Category c = category(
            "账号与密码", Account, {15, 60, 20, 5}, Body::Problem, 0,
            {{"统一身份认证密码忘记", "忘记了统一身份认证密码，找回密码收不到验证码",
              "已核实身份并重置密码，初始密码已短信发送。"},
             {"账号被锁定无法登录", "连续输错几次密码后账号被锁定了", "账号已解锁，提醒用户定期修改密码。"},
             {"新入职教师开通账号", "新入职需要开通校园网和邮箱账号", "已开通统一身份认证、邮箱和VPN权限。"},
             {"双因素认证手机号更换", "换了手机号，二次验证的短信收不到", "已更新绑定手机号，二次验证测试通过。"},
             {"教务系统登录提示账号不存在", "登录教务系统提示账号不存在", "人事信息未同步，已手动同步后可以登录。"}});
        english(
            c, {{"Cannot log in to the student portal",
                 "Since {sinceEn} the student portal says \"invalid credentials\" although my password is correct.", 4},
                {"Password reset request", "I forgot my password and the reset e-mail never arrives.", 0},
                {"Account locked", "My account was locked after several failed attempts {sinceEn}.", 1}});
        out.push_back(std::move(c));
    }
    {
        Category c = category(
            "电脑硬件", Pc, {15, 55, 25, 5}, Body::Problem, 0,
            {{"办公电脑无法开机", "按电源键没有任何反应，指示灯也不亮", "电源模块损坏，已更换电源。"},
             {"显示器黑屏", "主机能开机但显示器一直黑屏", "显示器数据线松动，重新连接后正常。"},
             {"电脑频繁蓝屏", "电脑用一会儿就蓝屏重启", "内存条接触不良，清理金手指后稳定运行。"},
             {"键盘部分按键失灵", "键盘有几个按键按了没反应", "已更换键盘。"},
             {"笔记本电池不充电", "笔记本插上电源后电池不充电", "电池老化，已申请更换电池。"},
             {"电脑硬盘异响", "电脑开机时硬盘有咔咔的声音，运行很慢", "硬盘有坏道，已更换固态硬盘并迁移数据。"}});
        english(c, {{"Laptop won't power on",
                     "My laptop does not power on since {sinceEn}; the charging light stays off.", 0},
                    {"Monitor flickering", "The monitor in {bldgEn}, room {room} keeps flickering.", 1}});
        emergency(c, 0.02,
                  {"{bldg}{floor}楼机房主机冒烟", "机房一台主机冒烟并有焦糊味，已经拔掉电源",
                   "主机电源烧毁，已断电更换电源并检查机房线路。"});
        out.push_back(std::move(c));
    }
    {
        Category c =
            category("打印机", Printer, {25, 55, 17, 3}, Body::Problem, 0,
                     {{"打印机卡纸", "打印机频繁卡纸，取出后还是提示卡纸", "清理搓纸轮并取出残留纸屑，打印正常。"},
                      {"{bldg}{floor}楼打印机显示脱机", "打印机一直显示脱机，打印任务发不出去",
                       "打印机IP地址变化，已重新配置端口。"},
                      {"无法添加网络打印机", "电脑上搜索不到网络打印机", "已安装驱动并添加打印机。"},
                      {"复印机扫描到邮箱失败", "复印机扫描到邮箱时提示发送失败", "SMTP设置有误，修改后扫描发送正常。"},
                      {"打印出来有黑色条纹", "打印出来的纸上有黑色条纹", "更换硒鼓，打印效果正常。"}});
        english(c, {{"Printer jam on {ord} floor",
                     "The shared printer on the {ord} floor of the {bldgEn} keeps jamming since {sinceEn}.", 0},
                    {"Cannot add network printer", "I cannot find the network printer in {bldgEn}, room {room}.", 2}});
        emergency(
            c, 0.02,
            {"{bldg}{floor}楼打印机冒烟", "打印时打印机后面冒烟，已经关机断电", "定影组件烧毁，已报废更换新打印机。"});
        out.push_back(std::move(c));
    }
    {
        Category c =
            category("软件安装", Pc, {40, 50, 9, 1}, Body::Problem, 0,
                     {{"申请安装MATLAB", "科研需要，申请在办公电脑上安装MATLAB", "已安装正版MATLAB并激活。"},
                      {"Office激活失败", "Office提示未激活，很多功能用不了", "已通过校园KMS重新激活Office。"},
                      {"需要安装SPSS", "上课需要安装SPSS统计软件", "已安装SPSS并配置网络许可。"},
                      {"Adobe Acrobat许可证过期", "Acrobat提示许可证过期，PDF无法编辑", "已重新分配Acrobat许可证。"},
                      {"杀毒软件更新失败", "杀毒软件病毒库一直更新失败", "杀毒软件重新安装后更新正常。"},
                      {"申请安装Python开发环境", "教学需要，申请安装Python和VS Code",
                       "已安装Python 3.12和VS Code并配置镜像源。"}});
        english(c, {{"Request to install Python and VS Code",
                     "Could you please install Python and VS Code on my office PC in {bldgEn}, room {room}?", 5},
                    {"Office activation failed", "Office says it is not activated since {sinceEn}.", 1}});
        out.push_back(std::move(c));
    }
    {
        Category c = category(
            "邮箱", Account, {15, 55, 25, 5}, Body::Problem, 0,
            {{"邮箱收不到外部邮件", "邮箱能收到校内邮件，但外部邮件一封都收不到", "外部邮件被网关拦截，已加入白名单。"},
             {"Outlook一直提示输入密码", "Outlook反复弹窗要求输入密码", "重新配置Outlook账户后正常。"},
             {"邮件被误判为垃圾邮件", "发给合作单位的邮件都进了对方垃圾箱", "已协助配置SPF并向对方提交申诉。"},
             {"申请部门公共邮箱", "部门需要一个公共邮箱对外联系", "公共邮箱已开通并授权相关人员。"},
             {"手机无法同步邮箱", "手机邮件客户端一直同步失败", "手机客户端改用Exchange协议后同步正常。"},
             {"邮箱空间已满", "邮箱提示空间已满，邮件发不出去", "已将邮箱容量扩至10GB并协助清理过期邮件。"}});
        english(c, {{"Mailbox full, cannot send",
                     "My mailbox is full and I cannot send any e-mail since {sinceEn}. Can the quota be raised?", 5},
                    {"Outlook keeps asking for password", "Outlook keeps asking for my password since {sinceEn}.", 1}});
        emergency(c, 0.03,
                  {"邮件系统无法访问", "全校邮件系统疑似停机，所有人都无法收发邮件",
                   "邮件服务器存储空间耗尽，扩容后服务恢复。"},
                  "Email outage",
                  "Campus e-mail appears to be down: nobody in our department can send or receive mail since "
                  "{sinceEn}.");
        out.push_back(std::move(c));
    }
    {
        Category c = category("校园卡", Account, {20, 60, 17, 3}, Body::Problem, 0,
                              {{"校园卡无法刷门禁", "校园卡刷{bldg}门禁没有反应", "门禁权限已重新下发。"},
                               {"校园卡丢失补办", "校园卡丢失，需要挂失并补办", "已挂失并补办新卡。"},
                               {"校园卡充值未到账", "校园卡充值成功但余额没有变化", "充值接口延迟，已手工补录到账。"},
                               {"食堂消费机刷卡失败", "食堂消费机刷卡提示卡片无效", "卡片芯片损坏，已换卡。"}});
        english(c, {{"Campus card not working at the library gate",
                     "My campus card is rejected at the library gate since {sinceEn}.", 0}});
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<Category> repairCategories()
{
    std::vector<Category> out;
    {
        Category c = category(
            "管道漏水", Pipe, {5, 45, 35, 15}, Body::Problem, 60,
            {{"{street}路面渗水", "路边人行道有水不断渗出，地面一直是湿的",
              "开挖检修，更换破损管段，已恢复供水并回填路面。"},
             {"{community}楼道水管滴水", "楼道里的水管接头在滴水，地上积了一片水", "更换楼道立管老化接头。"},
             {"入户水管接头渗漏", "厨房水槽下面的进水管接口渗水", "更换老化接头及密封垫。"},
             {"{street}{no}号门口地面冒水", "门口地面一直往外冒水", "更换DN25镀锌管1.5米，接口重新密封，试压正常。"},
             {"水表前管道渗水", "水表前面的管道有水渗出来", "更换表前管段并试压，观察无渗水。"}});
        emergency(c, 0.08,
                  {"{street}水管爆裂大量漏水", "路面水管爆裂，大量漏水，水已经漫到机动车道，影响交通",
                   "关阀止水后开挖抢修，更换DN200管段，已恢复供水并回填路面。"});
        out.push_back(std::move(c));
    }
    {
        Category c =
            category("水压不足", Pipe, {10, 55, 28, 7}, Body::Problem, 10,
                     {{"{community}水压不足", "家里水龙头出水很小，热水器都点不着火", "清洗入户过滤器，水压恢复正常。"},
                      {"高楼层水压小", "六楼以上基本没有水，低楼层正常", "调整二次供水泵组运行参数。"},
                      {"用水高峰水压不足", "早晚用水高峰时水压明显不够", "上游阀门未全开，已开启到位。"},
                      {"突然停水", "突然停水了，也没有收到停水通知", "配合管网维修临时停水，已恢复供水并告知用户。"}});
        emergency(c, 0.04,
                  {"{district}泵站停机，大面积停水", "附近泵站疑似停机，整个小区都没有水",
                   "泵站变频器故障，已切换备用泵组，供水恢复。"});
        out.push_back(std::move(c));
    }
    {
        Category c = category("阀门损坏", Valve, {10, 55, 28, 7}, Body::Problem, 50,
                              {{"小区总阀关不严", "小区总阀关不严，检修时水一直流", "更换DN100闸阀。"},
                               {"{street}阀门井盖破损", "阀门井盖破损，存在安全隐患", "更换阀门井盖并设置警示。"},
                               {"入户阀门拧不动", "入户阀门拧不动，没法关水", "更换入户球阀。"},
                               {"表前阀锈死", "表前阀门锈死，关不上", "更换表前阀并试压。"}});
        emergency(c, 0.03,
                  {"{street}阀门井漏水严重", "阀门井里漏水严重，水不停往外涌", "阀门法兰垫片破损，已关阀更换。"});
        out.push_back(std::move(c));
    }
    out.push_back(
        category("水质问题", Pipe, {5, 50, 35, 10}, Body::Problem, 0,
                 {{"自来水发黄", "打开水龙头水是黄色的，放了十几分钟才变清", "冲洗末端管网，水质检测合格。"},
                  {"自来水有异味", "自来水有一股很重的消毒水味", "余氯检测正常，已向用户解释。"},
                  {"水里有白色沉淀", "烧开的水里有很多白色沉淀", "属水垢沉淀，水质检测合格，建议加装滤芯。"},
                  {"{community}自来水浑浊", "自来水看起来浑浊，有细小颗粒", "二次供水水箱清洗消毒后恢复。"}}));
    out.push_back(category(
        "燃气泄漏", Valve, {0, 5, 30, 65}, Body::Problem, 5,
        {{"厨房有燃气味", "厨房里闻到明显的燃气味，已经关了灶具阀门并开窗通风", "灶前胶管老化，已更换并检漏合格。"},
         {"燃气表附近有异味", "燃气表附近有一股异味", "燃气表接头松动，紧固后检漏合格。"},
         {"{community}楼道燃气味重", "楼道里燃气味很重", "立管接口密封失效，处理后检漏合格。"}}));
    return out;
}

std::vector<Category> meterCategories()
{
    std::vector<Category> out;
    out.push_back(
        category("水表故障", Meter, {25, 60, 13, 2}, Body::Problem, 0,
                 {{"水表不走字", "家里正常用水，水表一直不走", "水表机芯卡死，已更换DN20水表，新旧表读数已登记。"},
                  {"水表冻裂", "水表被冻裂了，表壳有裂缝", "更换防冻水表并加装保温套。"},
                  {"水表玻璃破裂", "水表表盘玻璃碎了，看不清读数", "更换DN15水表，已拍照留存。"},
                  {"家里没用水水表还在转", "家里所有龙头都关了，水表还在转", "水表计量失准，已换表并送检旧表。"}}));
    out.push_back(category("周期换表", Meter, {50, 45, 5, 0}, Body::Statement, 0,
                           {{"水表到期轮换", "{community}{block}幢{unit}单元{flat}室水表使用已满六年，按计划轮换",
                             "已完成轮换，新旧表读数已登记。"},
                            {"{community}批量水表轮换", "{community}共{no}户水表到期，需要批量轮换",
                             "批量轮换完成，个别住户不在家另行预约。"},
                            {"预约换表时间", "接到换表通知，想预约周末上门更换", "已按预约时间完成换表。"},
                            {"燃气表到期更换", "{community}{block}幢{unit}单元{flat}室燃气表使用已满十年，按规定更换",
                             "更换智能燃气表并检漏合格。"}}));
    out.push_back(
        category("燃气表故障", Meter, {30, 55, 13, 2}, Body::Problem, 0,
                 {{"燃气表显示故障", "燃气表显示屏显示故障代码", "更换燃气表，读数已同步营业系统。"},
                  {"燃气表电池仓损坏", "燃气表电池仓盖坏了", "更换燃气表电池仓组件。"},
                  {"燃气表不计量", "用气的时候燃气表读数不变", "燃气表计量机构故障，已更换新表并检漏合格。"}}));
    return out;
}

std::vector<Category> complaintCategories()
{
    std::vector<Category> out;
    out.push_back(
        category("服务投诉", Pipe, {10, 60, 25, 5}, Body::Statement, 30,
                 {{"维修人员未按约定时间上门", "上周报修，约好上午来，结果下午才到，也没有提前通知",
                   "已向客户道歉并说明原因，对相关班组进行通报。"},
                  {"抢修后路面未恢复", "{street}抢修完已经一周了，路面坑还没有填好", "已安排路面恢复施工。"},
                  {"客服电话一直打不通", "打了一上午热线一直占线，没人接", "已反馈热线中心增加高峰时段坐席。"},
                  {"多次反映水质问题未解决", "{community}自来水发黄已经反映过两次了，一直没有解决",
                   "已对该区域管网进行冲洗并复测合格。"}}));
    out.push_back(category("账单疑问", Meter, {40, 55, 5, 0}, Body::Statement, 0,
                           {{"本月水费异常偏高", "家住{community}，这个月水费比平时高了两倍多，家里也没有人长期用水",
                             "核对抄表读数，系估抄误差，已调整账单。"},
                            {"重复扣费", "银行卡被扣了两次水费", "重复扣费已退回。"},
                            {"账单户名错误", "账单上的户名还是前房东的名字", "已办理户名变更。"}}));
    out.push_back(
        category("施工扰民", Pipe, {10, 60, 25, 5}, Body::Statement, 70,
                 {{"夜间施工噪音扰民", "{community}旁边管道施工到晚上十一点，影响休息", "已要求施工单位调整作业时间。"},
                  {"施工围挡占用人行道", "{street}管道施工围挡把人行道全占了，行人只能走机动车道",
                   "已要求施工单位调整围挡，留出人行通道。"},
                  {"开挖后未设警示标志", "{street}路面开挖后晚上没有警示灯，很危险", "已补设警示灯和反光锥。"}}));
    return out;
}

std::vector<Category> inquiryCategories()
{
    std::vector<Category> out;
    out.push_back(
        category("账单疑问", Meter, {40, 55, 5, 0}, Body::Statement, 0,
                 {{"如何查询水费账单", "想知道怎么在网上查询历史水费账单", "已告知线上查询方式。"},
                  {"水费缴费方式咨询", "请问水费除了银行代扣还能怎么缴", "已告知缴费渠道。"},
                  {"阶梯水价如何计算", "家里人口多，阶梯水价怎么计算", "已解释阶梯水价及多人口户申请办法。"}}));
    out.push_back(
        category("用水咨询", Pipe, {30, 55, 13, 2}, Body::Statement, 40,
                 {{"{district}停水什么时候恢复", "{street}一带现在没水，请问什么时候恢复供水", "已告知预计恢复时间。"},
                  {"计划停水通知咨询", "看到{community}贴了停水通知，想确认具体时间", "已告知计划停水时间及影响范围。"},
                  {"二次供水水箱多久清洗一次", "想问一下{community}的二次供水水箱多久清洗一次",
                   "已告知水箱清洗周期及最近一次水质检测结果。"}}));
    out.push_back(
        category("业务办理", Meter, {60, 40, 0, 0}, Body::Statement, 0,
                 {{"房屋过户如何办理水表过户", "刚买了二手房，想办理水表过户", "已告知过户所需材料及办理渠道。"},
                  {"新房开户需要什么材料", "新房交付，想开户需要带什么材料", "已告知开户所需材料。"},
                  {"燃气开通预约", "新房装修好了，想预约燃气开通", "已预约上门开通时间。"}}));
    return out;
}

void buildTypes(Tables &t)
{
    t.helpDeskFlow.path = {u"pending_assignment"_s, u"in_progress"_s, u"pending_confirmation"_s, u"completed"_s};
    t.helpDeskFlow.firstResponse = 1;
    t.helpDeskFlow.assign = 1;
    t.helpDeskFlow.accept = 1;
    t.helpDeskFlow.resolve = 2;
    t.helpDeskFlow.close = 3;
    t.helpDeskFlow.suspendable = {1};

    t.utilityFlow.path = {u"registered"_s, u"reviewed"_s,  u"dispatched"_s,        u"accepted"_s,
                          u"on_site"_s,    u"completed"_s, u"callback_verified"_s, u"closed"_s};
    t.utilityFlow.firstResponse = 1;
    t.utilityFlow.assign = 2;
    t.utilityFlow.accept = 3;
    t.utilityFlow.resolve = 5;
    t.utilityFlow.callback = 6;
    t.utilityFlow.close = 7;
    t.utilityFlow.suspendable = {2, 3, 4};

    // Inquiries are answered, mostly by phone: no site visit and no callback before closing.
    t.inquiryFlow.path = {u"registered"_s, u"reviewed"_s, u"dispatched"_s, u"accepted"_s, u"completed"_s, u"closed"_s};
    t.inquiryFlow.firstResponse = 1;
    t.inquiryFlow.assign = 2;
    t.inquiryFlow.accept = 3;
    t.inquiryFlow.resolve = 4;
    t.inquiryFlow.close = 5;
    t.inquiryFlow.suspendable = {2, 3};
    t.suspended = u"suspended"_s;

    auto add = [&](const char *id, Trade trade, const Flow &flow, std::vector<double> means,
                   std::vector<Category> categories, std::initializer_list<int> weights) {
        TicketType type;
        type.id = QString::fromLatin1(id);
        type.trade = trade;
        type.helpDesk = trade == Trade::HelpDesk;
        type.flow = &flow;
        Q_ASSERT(means.size() + 1 == size_t(type.flow->path.size()));
        Q_ASSERT(categories.size() == weights.size());
        type.meanHours = std::move(means);
        type.categories = std::move(categories);
        type.categoryWeights = Weighted(weights);
        t.types.push_back(std::move(type));
    };
    // Ids, statuses and categories follow resources/workflows. Mean hours per step: meter replacements wait for an
    // appointment; callbacks happen a day or two after the work.
    add("it_helpdesk", Trade::HelpDesk, t.helpDeskFlow, {1.5, 20, 30}, helpDeskCategories(),
        {24, 18, 14, 12, 12, 12, 8});
    add("repair", Trade::Repair, t.utilityFlow, {0.4, 0.8, 0.4, 1.2, 3, 30, 12}, repairCategories(),
        {40, 20, 16, 16, 8});
    add("meter_replacement", Trade::Meter, t.utilityFlow, {2, 6, 4, 40, 1.5, 48, 24}, meterCategories(), {55, 30, 15});
    add("complaint", Trade::Service, t.utilityFlow, {1, 4, 4, 20, 6, 24, 12}, complaintCategories(), {50, 30, 20});
    add("inquiry", Trade::Service, t.inquiryFlow, {0.5, 1, 2, 6, 24}, inquiryCategories(), {45, 30, 25});
    t.typeWeights = {35, 35, 10, 12, 8};
}

void buildPhrases(Tables &t)
{
    t.sources = allSourceNames();
    Q_ASSERT(t.sources.size() == 7 && t.sources.at(Email) == u"email"_s && t.sources.at(Field) == u"field"_s);
    t.helpDeskSources = {12, 33, 42, 0, 5, 0, 8};
    t.utilitySources = {4, 1, 12, 48, 16, 12, 7};
    t.utilityPrefixBySource = strings({"", "", "", "来电人反映：", "【12345热线转办】", "巡检发现：", "扫码报修："});
    t.consolePrefix = utf8("用户来电反映：");
    t.fieldRequest = utf8("已拍照留存，请安排班组处理。");
    // Local hour of day: the help desk follows office hours, utility hotlines ring into the evening.
    t.helpDeskHours = {0, 0, 0, 0, 0, 0, 1, 3, 12, 18, 17, 14, 6, 10, 16, 16, 14, 9, 4, 3, 3, 2, 1, 1};
    t.utilityHours = {2, 1, 1, 1, 1, 2, 4, 8, 12, 13, 12, 10, 8, 9, 10, 10, 9, 9, 8, 7, 6, 5, 4, 3};

    t.sinceZh =
        strings({"从今天早上开始", "从昨天下午开始", "这两天", "最近一周", "刚才", "从上周五开始", "从周一开始"});
    t.sinceUtility = strings({"从昨天晚上开始", "今天早上发现", "已经持续两天了", "刚刚发现", "这周一直这样"});
    t.sinceEn = {u"this morning"_s, u"yesterday afternoon"_s, u"last Friday"_s, u"Monday"_s, u"about an hour ago"_s};
    t.extraZh = strings({"重启电脑后还是不行。", "同办公室其他同事也有同样的问题。", "只有我这台电脑有问题。",
                         "已经按网上的方法试过了，没有用。", "下午要上课，比较着急。", "", ""});
    t.requestZh = strings({"麻烦尽快安排老师处理，谢谢！", "请帮忙看一下，谢谢。", "方便的话请上午过来。",
                           "有问题可以直接打我电话。", "谢谢！"});
    t.extraUtility = strings({"家里有老人小孩，比较着急。", "之前报修过一次，没有彻底解决。", "物业说不归他们管。",
                              "周围几户邻居也是这样。", "", ""});
    t.requestUtility =
        strings({"请尽快派人处理。", "师傅来之前请先打电话。", "麻烦尽快处理，谢谢。", "希望今天能来看一下。"});
    t.extraEn = {u"Could someone take a look, please?"_s, u"Thanks in advance."_s,
                 u"This is quite urgent as I have a lecture this afternoon."_s, u"Thank you!"_s};
    t.emailGreeting = utf8("您好：\n");
    t.emailGreetingEn = u"Hi,\n\n"_s;
    t.emailSignOffEn = u"\n\nBest regards,\n"_s;
    t.newline = u"\n"_s;

    t.keyResolution = u"resolution"_s;
    t.keyCallbackResult = u"callbackResult"_s;
    t.keyRating = u"rating"_s;
    t.callbackResults = {u"satisfied"_s, u"partly"_s, u"unresolved"_s};

    t.zhFloor = utf8("楼");
    t.zhRoom = utf8("室");
    t.zhNo = utf8("号");
    t.zhNear = utf8("附近");
    t.zhBlock = utf8("幢");
    t.zhUnit = utf8("单元");
    t.zhFlat = utf8("室");
    t.zhComma = utf8("，");
    t.zhPeriod = utf8("。");
}

const Tables &tables()
{
    static const Tables instance = [] {
        Tables t;
        for (int i = 0; i < 3000; ++i)
            t.numbers.append(QString::number(i));
        for (int i = 0; i <= 30; ++i) {
            const int mod100 = i % 100;
            const char *suffix = "th";
            if (mod100 < 11 || mod100 > 13)
                suffix = i % 10 == 1 ? "st" : i % 10 == 2 ? "nd" : i % 10 == 3 ? "rd" : "th";
            t.ordinals.append(QString::number(i) + QLatin1String(suffix));
        }
        buildGeography(t);
        buildPeople(t);
        buildTypes(t);
        buildPhrases(t);
        return t;
    }();
    return instance;
}

// ---------------------------------------------------------------------------------------------------------------
// Building blocks shared by makeTicket and generate

GeoPoint roundPoint(double lat, double lon)
{
    // Six decimals (~0.1 m) keep JSON short and hide last-bit differences between maths libraries.
    return GeoPoint::at(std::round(lat * 1e6) / 1e6, std::round(lon * 1e6) / 1e6);
}

// A point within maxKm of centre, denser towards the centre like real demand.
template<typename R>
GeoPoint jitter(R &rng, const GeoPoint &centre, double maxKm)
{
    const double r = maxKm * rng.real();
    const double theta = 2 * kPi * rng.real();
    const double dLat = r * std::cos(theta) / kKmPerDegree;
    const double dLon = r * std::sin(theta) / (kKmPerDegree * std::cos(centre.lat * kPi / 180));
    return roundPoint(centre.lat + dLat, centre.lon + dLon);
}

double distanceKm(const GeoPoint &a, const GeoPoint &b)
{
    const double x = (b.lon - a.lon) * std::cos((a.lat + b.lat) / 2 * kPi / 180);
    const double y = b.lat - a.lat;
    return std::sqrt(x * x + y * y) * kKmPerDegree;
}

template<typename R>
QString mobilePhone(R &rng)
{
    const Tables &t = tables();
    char digits[8];
    quint64 bits = rng.next();
    for (char &d : digits) {
        d = char('0' + bits % 10);
        bits /= 10;
    }
    return pickOne(rng, t.mobilePrefixes) + QLatin1String(digits, 8);
}

template<typename R>
QString landline(R &rng)
{
    char digits[7];
    quint64 bits = rng.next();
    for (char &d : digits) {
        d = char('0' + bits % 10);
        bits /= 10;
    }
    return tables().landlinePrefix + QLatin1String(digits, 7);
}

struct PersonName
{
    QString display;
    QString emailLocal; // given.surname in pinyin
};

template<typename R>
PersonName chineseName(R &rng)
{
    const Tables &t = tables();
    const NamePart &surname = t.surnames[size_t(t.surnameWeights.pick(rng))];
    const NamePart &given = t.givenNames[size_t(rng.bounded(int(t.givenNames.size())))];
    return {surname.zh + given.zh, given.pinyin + u'.' + surname.pinyin};
}

// Per-ticket choices that templates refer to.
struct Context
{
    int building = 0;
    int floor = 1;
    int room = 101;
    int district = 0;
    int street = 0;
    int houseNo = 1;
    int community = 0;
    int block = 1;
    int unit = 1;
    int flat = 101;
    int since = 0;
    int sinceEn = 0;
    bool flatAddress = false; // the address is a flat rather than a street number
};

void render(QString &out, const Template &tmpl, const Context &c)
{
    const Tables &t = tables();
    for (const Segment &s : tmpl) {
        switch (s.var) {
        case Var::Text:
            out += s.text;
            break;
        case Var::Building:
            out += t.buildings[size_t(c.building)].zh;
            break;
        case Var::BuildingEn:
            out += t.buildings[size_t(c.building)].en;
            break;
        case Var::Floor:
            out += t.numbers.at(c.floor);
            break;
        case Var::Room:
            out += t.numbers.at(c.room);
            break;
        case Var::Ordinal:
            out += t.ordinals.at(c.floor);
            break;
        case Var::District:
            out += t.districts[size_t(c.district)].name;
            break;
        case Var::Street:
            out += t.districts[size_t(c.district)].streets.at(c.street);
            break;
        case Var::HouseNo:
            out += t.numbers.at(c.houseNo);
            break;
        case Var::Community:
            out += t.districts[size_t(c.district)].communities.at(c.community);
            break;
        case Var::Block:
            out += t.numbers.at(c.block);
            break;
        case Var::Unit:
            out += t.numbers.at(c.unit);
            break;
        case Var::Flat:
            out += t.numbers.at(c.flat);
            break;
        case Var::Since:
            out += t.sinceZh.at(c.since);
            break;
        case Var::SinceEn:
            out += t.sinceEn.at(c.sinceEn);
            break;
        }
    }
}

QString rendered(const Template &tmpl, const Context &c)
{
    QString out;
    out.reserve(48);
    render(out, tmpl, c);
    return out;
}

// What generate() needs to know about a ticket beyond the Ticket itself.
struct Built
{
    Ticket ticket;
    const TicketType *type = nullptr;
    const Category *category = nullptr;
    const QString *resolution = nullptr;
    bool english = false;
    bool emergency = false; // the report describes an emergency (outage, smoke, burst main)
    bool assigned = false;  // past the assignment step
    qint64 createdMs = 0;
};

template<typename R>
void fillText(R &rng, Built &b, const Context &c, int source)
{
    const Tables &t = tables();
    const Category &cat = *b.category;
    Ticket &tk = b.ticket;
    const int variant = rng.bounded(int(cat.titles.size()));
    b.resolution = &cat.resolutions.at(variant);
    const Template *title = &cat.titles.at(variant);
    const Template *symptom = &cat.symptoms.at(variant);
    if (b.emergency) {
        title = &cat.emergencyTitle;
        symptom = &cat.emergencySymptom;
        b.resolution = &cat.emergencyResolution;
    }
    QString description;
    description.reserve(160);

    if (b.type->helpDesk && !cat.titlesEn.isEmpty() && chance(rng, 0.2)) {
        b.english = true;
        const int i = rng.bounded(int(cat.titlesEn.size()));
        const bool emergencyEn = b.emergency && !cat.emergencyTitleEn.isEmpty();
        b.emergency = emergencyEn; // without an English emergency report, an ordinary one after all
        if (!emergencyEn)
            b.resolution = &cat.resolutions.at(cat.variantsEn.at(i));
        tk.title = rendered(emergencyEn ? cat.emergencyTitleEn : cat.titlesEn.at(i), c);
        if (source == Email)
            description += t.emailGreetingEn;
        render(description, emergencyEn ? cat.emergencyDescriptionEn : cat.descriptionsEn.at(i), c);
        description += QLatin1Char(' ') + pickOne(rng, t.extraEn);
    } else if (b.type->helpDesk) {
        tk.title = rendered(*title, c);
        if (source == Email)
            description += t.emailGreeting;
        else if (source == Console)
            description += t.consolePrefix;
        const Building &bl = t.buildings[size_t(c.building)];
        description += bl.zh + t.numbers.at(c.floor) + t.zhFloor + t.numbers.at(c.room) + t.zhRoom + t.zhComma +
                       t.sinceZh.at(c.since) + t.zhComma;
        render(description, *symptom, c);
        description += t.zhPeriod + pickOne(rng, t.extraZh) + pickOne(rng, t.requestZh);
    } else {
        tk.title = rendered(*title, c);
        description += t.utilityPrefixBySource.at(source);
        if (cat.body == Body::Problem) {
            const District &d = t.districts[size_t(c.district)];
            if (c.flatAddress)
                description += d.communities.at(c.community) + t.numbers.at(c.block) + t.zhBlock +
                               t.numbers.at(c.unit) + t.zhUnit + t.zhComma;
            else
                description += d.streets.at(c.street) + t.numbers.at(c.houseNo) + t.zhNo + t.zhNear + t.zhComma;
            // Inspectors report what they see; residents add when it started and how it affects them.
            if (source != Field)
                description += t.sinceUtility.at(c.since % int(t.sinceUtility.size())) + t.zhComma;
            render(description, *symptom, c);
            description += t.zhPeriod;
            if (source == Field)
                description += t.fieldRequest;
            else if (b.emergency)
                description += t.requestUtility.first();
            else
                description += pickOne(rng, t.extraUtility) + pickOne(rng, t.requestUtility);
        } else {
            render(description, *symptom, c);
            description += t.zhPeriod;
        }
    }
    tk.description = std::move(description);
}

template<typename R>
Built buildTicket(R &rng, qint64 nowMs, int daysBack)
{
    const Tables &t = tables();
    Built b;
    Ticket &tk = b.ticket;
    const TicketType &type = t.types[size_t(t.typeWeights.pick(rng))];
    const Category &cat = type.categories[size_t(type.categoryWeights.pick(rng))];
    const Flow &flow = *type.flow;
    b.type = &type;
    b.category = &cat;
    tk.type = type.id;
    tk.category = cat.name;

    // Where.
    Context c;
    c.building = rng.bounded(int(t.buildings.size()));
    c.floor = range(rng, 1, t.buildings[size_t(c.building)].floors);
    c.room = c.floor * 100 + range(rng, 1, 30);
    c.district = t.districtWeights.pick(rng);
    const District &district = t.districts[size_t(c.district)];
    c.street = rng.bounded(int(district.streets.size()));
    c.houseNo = range(rng, 1, 480);
    c.community = rng.bounded(int(district.communities.size()));
    c.block = range(rng, 1, 30);
    c.unit = range(rng, 1, 4);
    c.flat = range(rng, 1, 18) * 100 + range(rng, 1, 4);
    c.since = rng.bounded(int(t.sinceZh.size()));
    c.sinceEn = rng.bounded(int(t.sinceEn.size()));

    // Through which channel, and is it an emergency.
    b.emergency = cat.emergencyRate > 0 && chance(rng, cat.emergencyRate);
    const int source = (type.helpDesk ? t.helpDeskSources : t.utilitySources).pick(rng);
    tk.source = t.sources.at(source);

    if (type.helpDesk) {
        const Building &bl = t.buildings[size_t(c.building)];
        tk.department = pickOne(rng, t.departments);
        tk.address = t.campusName + bl.zh + t.numbers.at(c.floor) + t.zhFloor + t.numbers.at(c.room) + t.zhRoom;
        tk.location = jitter(rng, t.campus, 0.6);
    } else {
        // Burst mains and what inspectors find are out on the street, not in somebody's flat.
        tk.department = district.name;
        c.flatAddress = !b.emergency && source != Field && rng.bounded(100) >= cat.streetShare;
        if (!c.flatAddress)
            tk.address = district.name + district.streets.at(c.street) + t.numbers.at(c.houseNo) + t.zhNo;
        else
            tk.address = district.name + district.communities.at(c.community) + t.numbers.at(c.block) + t.zhBlock +
                         t.numbers.at(c.unit) + t.zhUnit + t.numbers.at(c.flat) + t.zhFlat;
        tk.location = jitter(rng, district.center, 3.5);
    }

    // What and how urgent.
    fillText(rng, b, c, source);
    if (b.emergency)
        tk.priority = chance(rng, 0.8) ? Priority::Urgent : Priority::High;
    else
        tk.priority = Priority(cat.priorities.pick(rng));

    // Who.
    if (type.helpDesk && b.english && chance(rng, 0.6)) {
        const auto &[name, local] = pickOne(rng, t.westernNames);
        tk.requester.name = name;
        tk.requester.contact = local + t.universityDomain;
    } else {
        const PersonName person = chineseName(rng);
        tk.requester.name = person.display;
        if (type.helpDesk)
            tk.requester.contact = chance(rng, 0.85) ? person.emailLocal + t.universityDomain : mobilePhone(rng);
        else if (chance(rng, 0.08))
            tk.requester.contact = person.emailLocal + t.publicDomain;
        else
            tk.requester.contact = chance(rng, 0.8) ? mobilePhone(rng) : landline(rng);
    }
    if (type.helpDesk && source == Email) // e-mails are signed
        tk.description += (b.english ? t.emailSignOffEn : t.newline) + tk.requester.name;

    // When: a day within range (fewer on weekends), an hour by the local daily rhythm.
    const int days = std::max(1, daysBack);
    const qint64 today = floorDiv(nowMs + kChinaOffset, kDay);
    const double weekendShare = type.helpDesk ? 0.25 : 0.75;
    qint64 day = today;
    for (int attempt = 0; attempt < 4; ++attempt) {
        day = today - rng.bounded(days);
        const qint64 weekday = (day % 7 + 7 + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday
        if (weekday < 5 || chance(rng, weekendShare))
            break;
    }
    const int hour = (type.helpDesk ? t.helpDeskHours : t.utilityHours).pick(rng);
    qint64 created = day * kDay + hour * kHour + rng.bounded(3600) * kSecond - kChinaOffset;
    if (created > nowMs) // later today: move to the same hour a week ago, or anywhere in a short range
        created = days >= 8 ? created - 7 * kDay : nowMs - qint64(rng.real() * double(days * kDay)) / kSecond * kSecond;
    b.createdMs = created;

    // Walk the workflow path until the next step would happen after now.
    const double priorityFactor = std::array<double, 4>{1.8, 1.0, 0.6, 0.3}[size_t(tk.priority)];
    const int steps = int(type.meanHours.size());
    const int forgottenStep = chance(rng, 0.015) ? rng.bounded(steps) : -1; // the backlog nobody looks at
    std::array<qint64, 8> reached{};
    reached[0] = created;
    int current = 0;
    for (int k = 0; k < steps; ++k) {
        double mean = type.meanHours[size_t(k)] * priorityFactor;
        if (chance(rng, 0.03))
            mean *= 10 + 40 * rng.real(); // waiting for parts, for the requester, for a permit
        double hours = -mean * std::log(1.0 - rng.real());
        if (k == forgottenStep)
            hours += 200 + 2500 * rng.real();
        const qint64 next = reached[size_t(current)] + std::max<qint64>(qint64(hours * 3600), 60) * kSecond;
        if (next > nowMs)
            break;
        reached[size_t(++current)] = next;
    }
    qint64 lastEvent = reached[size_t(current)];
    tk.status = flow.path.at(current);
    if (flow.suspendable.contains(current) && chance(rng, 0.1)) {
        tk.suspendedFrom = tk.status;
        tk.status = t.suspended;
        lastEvent += qint64(rng.real() * double(nowMs - lastEvent)) / kSecond * kSecond;
    }

    tk.createdAt = utcFromMs(created);
    if (current >= flow.firstResponse) {
        qint64 first = reached[size_t(flow.firstResponse)];
        if (type.helpDesk && chance(rng, 0.5)) // the desk acknowledged before an engineer took it
            first = created + qint64(rng.real() * double(first - created)) / kSecond * kSecond;
        tk.firstResponseAt = utcFromMs(first);
    }
    if (current >= flow.accept)
        tk.acceptedAt = utcFromMs(reached[size_t(flow.accept)]);
    if (current >= flow.resolve)
        tk.resolvedAt = utcFromMs(reached[size_t(flow.resolve)]);
    const bool closed = current >= flow.close;
    if (closed)
        tk.closedAt = utcFromMs(reached[size_t(flow.close)]);
    b.assigned = current >= flow.assign;

    qint64 updated = lastEvent;
    if (!closed && chance(rng, 0.4)) // a later note or reminder
        updated += qint64(rng.real() * double(nowMs - lastEvent)) / kSecond * kSecond;
    tk.updatedAt = utcFromMs(updated);

    if (!closed && nowMs - created > 4 * kHour && chance(rng, 0.25))
        tk.urgeCount = range(rng, 1, 3);
    else if (closed && chance(rng, 0.04))
        tk.urgeCount = range(rng, 1, 2);

    if (current >= flow.resolve)
        tk.fields.insert(t.keyResolution, *b.resolution);
    if (flow.callback >= 0 && current >= flow.callback) {
        // A closed ticket passed its callback; an unresolved verdict sends it back instead of closing it.
        const int r = rng.bounded(100);
        const int result = r < 82 ? 0 : (r < 96 || closed) ? 1 : 2;
        const int rating = result == 0 ? range(rng, 4, 5) : result == 1 ? range(rng, 2, 4) : range(rng, 1, 2);
        tk.fields.insert(t.keyCallbackResult, t.callbackResults.at(result));
        tk.fields.insert(t.keyRating, rating);
    }
    return b;
}

quint64 ticketState(quint64 seed, qint64 index)
{
    // Hash the index first so neighbouring tickets start far apart in the SplitMix sequence and never overlap.
    return mix64(seed * 0x9e3779b97f4a7c15ULL) ^ mix64(quint64(index) + 0x632be59bd9b4e019ULL);
}

qint64 nowOrClock(const QDateTime &now)
{
    return (now.isValid() ? now : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
}

// ---------------------------------------------------------------------------------------------------------------
// generate(): people and comments

struct TeamDef
{
    const char *name;
    int district;      // index into Tables::districts
    int weight;        // share of engineers
    unsigned skills;   // bit per Skill
    bool districtCrew; // serves tickets near its district
};

constexpr unsigned kCrewSkills = 1u << Pipe | 1u << Valve | 1u << Meter | 1u << Electrical;
constexpr std::array<TeamDef, 10> kTeams = {{
    {"城东维修一队", 0, 8, kCrewSkills, true},
    {"城西维修二队", 2, 8, kCrewSkills, true},
    {"城北维修三队", 1, 8, kCrewSkills, true},
    {"江南维修四队", 3, 7, kCrewSkills, true},
    {"萧山维修队", 4, 7, kCrewSkills, true},
    {"余杭维修队", 5, 6, kCrewSkills, true},
    {"钱塘维修队", 7, 6, kCrewSkills, true},
    {"管网抢修队", 1, 10, 1u << Pipe | 1u << Valve | 1u << Electrical, false},
    {"表务班", 0, 8, 1u << Meter | 1u << Valve, false},
    {"IT 服务台", 2, 32, 1u << Network | 1u << Pc | 1u << Printer | 1u << Account, false},
}};
constexpr int kEmergencyTeam = 7;
constexpr int kMeterTeam = 8;
constexpr int kItTeam = 9;

struct Engineer
{
    QString username;
    QString displayName;
    int team = 0;
    unsigned skills = 0; // bit per Skill
};

struct CommentTexts
{
    QStringList deskNote, deskReply, supervisorNote;
    QStringList itReply, itNote, utilityReply, utilityNote, meterReply, serviceReply, serviceNote, englishReply;
    QStringList requesterWaiting, requesterThanks, englishWaiting, englishThanks;
    QString assignedPrefix, assignedSuffix;
};

const CommentTexts &commentTexts()
{
    static const CommentTexts c = [] {
        CommentTexts c;
        c.deskNote = strings({"已电话联系报修人确认地址。", "该地址上月已报修过一次，疑似同一问题。",
                              "报修人要求处理前先电话联系。", "重复来电，已合并说明。"});
        c.deskReply = strings({"您好，工单已受理，正在为您安排处理人员。", "您好，已收到您的反馈，我们会尽快处理。",
                               "您好，请补充一下具体位置和联系电话，方便师傅上门。"});
        c.supervisorNote = strings({"请跟进超时原因。", "已催办，请今天内处理完毕。", "用户多次反映，注意优先处理。",
                                    "处理完请回电用户确认。"});
        c.itReply =
            strings({"您好，请问方便远程协助吗？", "请提供一下报错截图，谢谢。", "已远程处理，请重启电脑后再试一下。",
                     "已现场处理，请测试是否正常。", "需要更换配件，配件到货后第一时间联系您。"});
        c.itNote = strings({"需要备件，已申请领用。", "怀疑交换机端口故障，已报网络组。",
                            "用户不在办公室，约了明天上午。", "同类问题本周第三次，建议排查整层设备。"});
        c.utilityReply = strings({"师傅已出发，预计半小时内到达。", "已到达现场，正在排查。",
                                  "已关闭上游阀门，正在抢修，预计两小时内恢复供水。",
                                  "现场检查管网压力正常，建议检查户内管道。", "已处理完毕，请您试用一下。"});
        c.meterReply = strings(
            {"已与您预约换表时间，请届时家中留人。", "师傅已出发，预计半小时内到达。", "已更换完毕，请核对新表读数。"});
        c.serviceReply = strings({"您好，已收到您的反映，我们正在核实情况。", "已与相关班组核实，正在协调处理。",
                                  "已电话向您说明情况，如有疑问请随时联系。"});
        c.serviceNote = strings({"已调取通话录音核实。", "已与相关班组核实情况。", "客户情绪较激动，注意沟通方式。"});
        c.utilityNote = strings({"涉及路面开挖，需报市政审批。", "需要DN100闸阀一只，已申请领料。",
                                 "已电话联系用户，约定明天上午上门。", "现场拍照已上传。", "用户不在家，已留联系卡。"});
        c.englishReply = {u"Hi, could you send a screenshot of the error message?"_s,
                          u"I have reset it remotely, please try again."_s,
                          u"I will come by this afternoon to have a look."_s};
        c.requesterWaiting = strings({"请问什么时候能处理？", "还是不行，麻烦再看一下。", "请问现在处理到哪一步了？"});
        c.requesterThanks = strings({"谢谢，问题已经解决了。", "好的，已经正常了，辛苦了！", "收到，谢谢师傅。"});
        c.englishWaiting = {u"Any update on this?"_s, u"It still does not work, sorry."_s};
        c.englishThanks = {u"Thanks, it works now."_s, u"All good now, thank you!"_s};
        c.assignedPrefix = utf8("您好，已安排");
        c.assignedSuffix = utf8("负责处理，请保持电话畅通。");
        return c;
    }();
    return c;
}

template<typename R>
QList<Comment> makeComments(R &rng, const Built &b, const QString &engineerName, const QString &requesterName,
                            const QStringList &dispatchers, const QStringList &supervisors)
{
    const CommentTexts &tx = commentTexts();
    const Ticket &tk = b.ticket;
    const qint64 from = tk.createdAt.toMSecsSinceEpoch();
    const qint64 to = tk.updatedAt.toMSecsSinceEpoch();
    if (to <= from || chance(rng, 0.15))
        return {};
    const bool finished = tk.closedAt.isValid();
    const int count = finished ? range(rng, 1, 4) : std::min(4, range(rng, 0, 2) + (b.assigned ? 1 : 0));
    std::vector<qint64> times;
    for (int i = 0; i < count; ++i)
        times.push_back(from + qint64(rng.real() * double(to - from)) / kSecond * kSecond);
    std::sort(times.begin(), times.end());

    const qint64 firstResponse = tk.firstResponseAt.isValid() ? tk.firstResponseAt.toMSecsSinceEpoch() : to + 1;
    const qint64 accepted = tk.acceptedAt.isValid() ? tk.acceptedAt.toMSecsSinceEpoch() : to + 1;
    const qint64 resolved = tk.resolvedAt.isValid() ? tk.resolvedAt.toMSecsSinceEpoch() : to + 1;
    // The engineer's words depend on the trade: IT, pipes, meters, or dealing with a complaint or question.
    const Trade trade = b.type->trade;
    const QStringList &replies = trade == Trade::HelpDesk  ? tx.itReply
                                 : trade == Trade::Meter   ? tx.meterReply
                                 : trade == Trade::Service ? tx.serviceReply
                                                           : tx.utilityReply;
    const QStringList &notes = trade == Trade::HelpDesk  ? tx.itNote
                               : trade == Trade::Service ? tx.serviceNote
                                                         : tx.utilityNote;
    QList<Comment> out;
    for (qint64 at : times) {
        Comment c;
        c.createdAt = utcFromMs(at);
        const bool requesterSpeaks = !requesterName.isEmpty() && chance(rng, 0.25);
        if (requesterSpeaks) {
            c.authorName = requesterName;
            const bool done = at >= resolved;
            c.body = b.english ? pickOne(rng, done ? tx.englishThanks : tx.englishWaiting)
                               : pickOne(rng, done ? tx.requesterThanks : tx.requesterWaiting);
        } else if (at < firstResponse) {
            // Nobody has answered the requester yet, so only internal notes.
            c.authorName = pickOne(rng, dispatchers);
            c.kind = CommentKind::Internal;
            c.body = pickOne(rng, tx.deskNote);
        } else if (at < accepted || engineerName.isEmpty()) {
            const int r = rng.bounded(10);
            if (r < 2 && !supervisors.isEmpty()) {
                c.authorName = pickOne(rng, supervisors);
                c.kind = CommentKind::Internal;
                c.body = pickOne(rng, tx.supervisorNote);
            } else {
                c.authorName = pickOne(rng, dispatchers);
                const bool note = r < 5;
                c.kind = note ? CommentKind::Internal : CommentKind::Public;
                if (note)
                    c.body = pickOne(rng, tx.deskNote);
                else if (b.assigned && !engineerName.isEmpty())
                    c.body = tx.assignedPrefix + engineerName + tx.assignedSuffix;
                else
                    c.body = pickOne(rng, tx.deskReply);
            }
        } else {
            const int r = rng.bounded(10);
            if (r == 0 && !supervisors.isEmpty()) {
                c.authorName = pickOne(rng, supervisors);
                c.kind = CommentKind::Internal;
                c.body = pickOne(rng, tx.supervisorNote);
            } else if (r < 4) {
                c.authorName = engineerName;
                c.kind = CommentKind::Internal;
                c.body = pickOne(rng, notes);
            } else {
                c.authorName = engineerName;
                c.body = pickOne(rng, b.english ? tx.englishReply : replies);
            }
        }
        out.append(std::move(c));
    }
    return out;
}

template<typename R>
int pickEngineer(R &rng, const Built &b, const std::vector<Engineer> &engineers,
                 const std::array<std::vector<int>, kTeams.size()> &byTeam)
{
    if (engineers.empty())
        return -1;
    const Tables &t = tables();
    const bool helpDesk = b.type->helpDesk;
    int team = -1;
    if (helpDesk) {
        team = kItTeam;
    } else if (b.type->trade == Trade::Meter && chance(rng, 0.7)) {
        team = kMeterTeam;
    } else if ((b.ticket.priority == Priority::Urgent || b.category->skill == Valve) && chance(rng, 0.6)) {
        team = kEmergencyTeam;
    } else {
        double best = 1e9;
        for (size_t i = 0; i < kTeams.size(); ++i) {
            if (!kTeams[i].districtCrew || byTeam[i].empty())
                continue;
            const double d = distanceKm(b.ticket.location, t.districts[size_t(kTeams[i].district)].center);
            if (d < best) {
                best = d;
                team = int(i);
            }
        }
    }
    std::vector<int> pool;
    if (team >= 0)
        pool = byTeam[size_t(team)];
    if (pool.empty()) { // nobody in that team: anyone of the same trade, then anyone
        for (size_t i = 0; i < engineers.size(); ++i) {
            if ((engineers[i].team == kItTeam) == helpDesk)
                pool.push_back(int(i));
        }
    }
    if (pool.empty()) {
        pool.resize(engineers.size());
        std::iota(pool.begin(), pool.end(), 0);
    }
    std::vector<int> skilled;
    for (int i : pool) {
        if (engineers[size_t(i)].skills & (1u << b.category->skill))
            skilled.push_back(i);
    }
    const std::vector<int> &from = (!skilled.empty() && chance(rng, 0.8)) ? skilled : pool;
    return from[size_t(rng.bounded(int(from.size())))];
}

} // namespace

DemoCity demoCity()
{
    const Tables &t = tables();
    DemoCity city;
    city.name = t.cityName;
    city.center = t.cityCenter;
    city.radiusKm = t.cityRadiusKm;
    for (const District &d : t.districts)
        city.districts.append({d.name, d.center});
    return city;
}

Ticket makeTicket(quint64 seed, qint64 index, const QDateTime &now, int daysBack)
{
    FastRng rng(ticketState(seed, index));
    return buildTicket(rng, nowOrClock(now), daysBack).ticket;
}

Ticket makeTicket(quint64 seed, qint64 index, const QDateTime &now, int daysBack, const QList<UserId> &engineers)
{
    FastRng rng(ticketState(seed, index));
    Built b = buildTicket(rng, nowOrClock(now), daysBack);
    if (b.assigned && !engineers.isEmpty()) {
        const quint64 pick = mix64(ticketState(seed, index) ^ 0x5bd1e995ULL) % quint64(engineers.size());
        b.ticket.assigneeId = engineers.at(qsizetype(pick));
    }
    return std::move(b.ticket);
}

DemoData generate(quint64 seed, const QDateTime &now, int ticketCount, int engineerCount)
{
    const Tables &t = tables();
    const qint64 nowMs = nowOrClock(now);
    const std::array<quint32, 2> words = {quint32(seed), quint32(seed >> 32)};
    QRandomGenerator generator(words.data(), qsizetype(words.size()));
    QtRng rng(generator);

    DemoData data;
    data.city = demoCity();
    for (const TeamDef &def : kTeams)
        data.teams.append({TeamId(), utf8(def.name), t.districts[size_t(def.district)].name});

    // Display names must be unique: comments name their author by display name.
    QSet<QString> taken;
    auto uniqueName = [&]() {
        for (int attempt = 0; attempt < 200; ++attempt) {
            PersonName n = chineseName(rng);
            if (!taken.contains(n.display)) {
                taken.insert(n.display);
                return n;
            }
        }
        PersonName n = chineseName(rng); // more people than names: tell namesakes apart as offices do
        for (int i = 2;; ++i) {
            const QString candidate = n.display + QString::number(i);
            if (!taken.contains(candidate)) {
                n.display = candidate;
                taken.insert(candidate);
                return n;
            }
        }
    };
    // Staff get a work address; requesters (ownDomain set) their own, unique like the display name.
    QSet<QString> emails;
    auto addUser = [&](const QString &username, Role role, const QString &password, const QString &teamName,
                       const QString &displayName = QString(), const QString &ownDomain = QString()) {
        DemoUser u;
        u.user.username = username;
        u.user.role = role;
        const PersonName person = displayName.isEmpty() ? uniqueName() : PersonName{displayName, QString()};
        u.user.displayName = person.display;
        u.user.email = username + u"@crewline.example"_s;
        if (!ownDomain.isEmpty()) {
            u.user.email = person.emailLocal + ownDomain;
            for (int i = 2; emails.contains(u.user.email); ++i)
                u.user.email = person.emailLocal + QString::number(i) + ownDomain;
            emails.insert(u.user.email);
        }
        u.user.phone = mobilePhone(rng);
        u.password = password;
        u.teamName = teamName;
        data.users.append(u);
        return u.user.displayName;
    };
    const QString demoPassword = u"demo123"_s;
    taken.insert(u"Administrator"_s);
    addUser(u"admin"_s, Role::Admin, u"admin"_s, QString(), u"Administrator"_s);
    QStringList dispatchers, supervisors, requesterUsernames;
    for (int i = 1; i <= 3; ++i)
        dispatchers << addUser(u"disp"_s + QString::number(i), Role::Dispatcher, demoPassword, QString());
    supervisors << addUser(u"sup1"_s, Role::Supervisor, demoPassword, data.teams.at(kItTeam).name);
    supervisors << addUser(u"sup2"_s, Role::Supervisor, demoPassword, data.teams.at(kEmergencyTeam).name);
    addUser(u"mgr1"_s, Role::Manager, demoPassword, QString());
    addUser(u"aud1"_s, Role::Auditor, demoPassword, QString());
    for (int i = 1; i <= 5; ++i) { // three from the university, two residents
        requesterUsernames << u"req"_s + QString::number(i);
        addUser(requesterUsernames.last(), Role::Requester, demoPassword, QString(), QString(),
                i <= 3 ? t.universityDomain : t.publicDomain);
    }
    const qsizetype firstRequester = data.users.size() - 5;

    // Engineers over teams by smooth weighted round robin: exact shares, and every team staffed once there are
    // at least as many engineers as teams.
    std::vector<Engineer> engineers;
    std::array<std::vector<int>, kTeams.size()> byTeam;
    std::array<int, kTeams.size()> credit{};
    const Weighted staffStatuses = {62, 12, 14, 12}; // available, en route, on site, off duty
    const int totalWeight =
        std::accumulate(kTeams.begin(), kTeams.end(), 0, [](int sum, const TeamDef &d) { return sum + d.weight; });
    for (int i = 0; i < std::max(0, engineerCount); ++i) {
        int team = -1;
        if (i < int(kTeams.size())) {
            team = (kItTeam + i) % int(kTeams.size()); // help desk first, then the crews in order
        } else {
            for (size_t k = 0; k < kTeams.size(); ++k) {
                credit[k] += kTeams[k].weight;
                if (team < 0 || credit[k] > credit[size_t(team)])
                    team = int(k);
            }
            credit[size_t(team)] -= totalWeight;
        }
        const TeamDef &def = kTeams[size_t(team)];
        Engineer e;
        e.username = u"eng"_s + QString::number(i + 1).rightJustified(3, u'0');
        e.team = team;
        // One core skill of the team for sure, the others by chance.
        std::vector<int> pool;
        for (int s = 0; s < int(kSkills.size()); ++s) {
            if (def.skills & (1u << s))
                pool.push_back(s);
        }
        e.skills = 1u << pool[size_t(rng.bounded(int(pool.size())))];
        for (int s : pool) {
            if (chance(rng, 0.5))
                e.skills |= 1u << s;
        }
        e.displayName = addUser(e.username, Role::Engineer, demoPassword, data.teams.at(team).name);
        byTeam[size_t(team)].push_back(int(engineers.size()));

        DemoStaff staff;
        staff.username = e.username;
        for (int s = 0; s < int(kSkills.size()); ++s) {
            if (e.skills & (1u << s))
                staff.skills << kSkills.at(s);
        }
        staff.status = StaffStatus(staffStatuses.pick(rng));
        staff.position =
            team == kItTeam ? jitter(rng, t.campus, 0.6) : jitter(rng, t.districts[size_t(def.district)].center, 3.0);
        staff.accuracy = std::round((5 + 45 * rng.real()) * 10) / 10;
        const qint64 age = staff.status == StaffStatus::OffDuty ? range(rng, 2 * 3600, 14 * 3600) : range(rng, 5, 900);
        staff.positionAt = utcFromMs((nowMs - age * kSecond) / kSecond * kSecond);
        data.staff.append(staff);
        engineers.push_back(std::move(e));
    }

    // Tickets: the same per-index construction as makeTicket, then ordered by creation time.
    std::vector<Built> built;
    built.reserve(size_t(std::max(0, ticketCount)));
    for (int i = 0; i < ticketCount; ++i) {
        FastRng ticketRng(ticketState(seed, i));
        built.push_back(buildTicket(ticketRng, nowMs, kDefaultDaysBack));
    }
    std::vector<int> order(built.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return built[size_t(a)].createdMs < built[size_t(b)].createdMs; });

    data.tickets.reserve(ticketCount);
    for (int i : order) {
        Built &b = built[size_t(i)];
        DemoTicket dt;
        QString engineerName;
        if (b.assigned) {
            const int e = pickEngineer(rng, b, engineers, byTeam);
            if (e >= 0) {
                dt.assigneeUsername = engineers[size_t(e)].username;
                dt.teamName = data.teams.at(engineers[size_t(e)].team).name;
                engineerName = engineers[size_t(e)].displayName;
            }
        }
        QString requesterName;
        if (chance(rng, 0.3)) {
            // req1..req3 work at the university, req4 and req5 are utility customers.
            const int r = b.type->helpDesk ? rng.bounded(3) : 3 + rng.bounded(2);
            const User &account = data.users.at(firstRequester + r).user;
            dt.requesterUsername = requesterUsernames.at(r);
            requesterName = account.displayName;
            QString &description = b.ticket.description;
            if (b.ticket.source == t.sources.at(1) && description.endsWith(b.ticket.requester.name)) // the signature
                description.replace(description.size() - b.ticket.requester.name.size(), b.ticket.requester.name.size(),
                                    account.displayName);
            b.ticket.requester.name = account.displayName;
            b.ticket.requester.contact = b.type->helpDesk ? account.email : account.phone;
        }
        dt.comments = makeComments(rng, b, engineerName, requesterName, dispatchers, supervisors);
        dt.ticket = std::move(b.ticket);
        data.tickets.append(std::move(dt));
    }
    return data;
}

} // namespace crewline::demo
