"""Hedges and ranges as real news text writes them (issue 17, item 7).

Each row is one sentence copied verbatim from a public news page (or a page quoting one),
with its address, a figure the sentence states and the bound a curator would record for
it (docs/claims-format.md, "Values"). `check` reads a quote with `find_quantities`; the
figure must be read with that value and that bound. A range is (low, high). Articles on
the September 2023 Libya floods are kept aside and are not used here.

Measured on these 63 rows: before this change the reader got 44 right (it missed the
forecasts, "closer to", every "between X and Y" and read "half a million" as a
million), after it all 63.
"""

from __future__ import annotations

import pytest

from mou_reconcile.text.numbers import Quantity, find_quantities, same_number

Value = float | tuple[float, float]

VICE_COVID = ("https://www.vice.com/en/article/g5pd3m/"
              "coronavirus-could-kill-nearly-quarter-a-million-americans-by-november")
NEWSMAX_HELENE = "https://rss.newsmax.com/amp/us/helene-hurricane/2024/09/30/id/1182281"
GAEA_QUAKES = "https://calamities.gaeatimes.com/2010/01/14/the-worlds-deadliest-quakes-since-1970-1748"
DJ_WOMENS_MARCH = ("https://www.digitaljournal.com/world/women-s-march-may-have-been-largest-"
                   "1-day-protest-in-usa-history/article/484263")
SUNJOURNAL_DURIAN = "https://www.sunjournal.com/2006/12/03/typhoon-death-toll-nears-600/"
SLATE_PESHAWAR = ("https://slate.com/news-and-politics/2014/12/"
                  "taliban-school-attack-pakistan-at-least-120-killed-reports-say.html")
HERALDNET_FIRES = "https://www.heraldnet.com/news/many-didnt-follow-orders-to-evacuate-california-fires/"
VOXBIKOL_YOLANDA = "https://voxbikol.com/article/yolanda-death-toll-could-reach-10000"
BRECORDER_MAUI = "https://brecorder.com/news/amp/40257848"
AEBRAIN_TSUNAMI = "https://aebrain.blogspot.com/2004/12/worst-day-ever.html"
ABC_KASHMIR = "http://www.abc.net.au/news/2005-10-08/more-than-1000-feared-dead-in-quake/2120346"
JPOST_NARGIS = "https://www.jpost.com/international/red-cross-myanmar-death-toll-may-be-as-high-as-127990"
SMAYS_CROWD = "http://www.smays.com/2009/01/largest-crowd-ever/"
EAGLE_MARCHES = "https://eaglenews.ph/over-two-million-join-us-womens-marches-against-trump-organizers/amp"
NYPOST_COVID = ("https://gamestartup.netlify.app/host-https-nypost.com/2020/03/31/"
                "over-3000-people-have-died-in-us-from-coronavirus-surpassing-9-11-death-toll")

# (sentence, url, value, bound)
REAL: list[tuple[str, str, Value, str]] = [
    # at_most: a ceiling or an upper estimate ("could reach", "as many as", "up to")
    ("The projected U.S. death toll from the coronavirus pandemic could climb as high as"
     " 240,000 by November 1 if lockdown restrictions continue to be eased, mandatory"
     " mask-wearing is not introduced, and spikes in states like Texas, California, and"
     " Florida continue.", VICE_COVID, 240_000, "at_most"),
    ("According to Seattle’s Institute for Health Metrics and Evaluation, a widely cited"
     " model, that number could reach 471,000 by the end of February.",
     "https://talkingpointsmemo.com/news/how-many-more-will-die-of-covid-in-the-next-few-months",
     471_000, "at_most"),
    ("Homeland Security adviser Liz Sherwood-Randall said on Monday that there could be as"
     " many as 600 deaths due to Hurricane Helene, which slammed into Florida's Gulf Coast on"
     " Thursday night and then moved north.", NEWSMAX_HELENE, 600, "at_most"),
    ("As many as 300,000 international marchers also took part in Saturday’s protests.",
     DJ_WOMENS_MARCH, 300_000, "at_most"),
    ("LOS ANGELES, Jan 22 — Up to two million people flooded the streets of US cities"
     " yesterday in a peaceful day of women-led protests a day after the inauguration of"
     " President Donald Trump, according to estimates from march organisers.",
     "http://www.themalaymailonline.com/world/article/"
     "up-to-two-million-join-us-womens-marches-organisers-say-video", 2_000_000, "at_most"),
    ("Experts say that without precautionary measures, the final tally could be as high as"
     " 40 million, with 95 percent of those preventable.",
     "https://www.trtworld.com/life/what-could-the-final-death-toll-for-the-coronavirus-"
     "pandemic-look-like-35064", 40_000_000, "at_most"),
    ("NEW YORK – Officials said Saturday they feared the death toll from Typhoon Durian could"
     " rise to 600, two days after the massive storm caused mud and boulders to bury mountain"
     " villages in the Philippines.", SUNJOURNAL_DURIAN, 600, "at_most"),
    ("SAN DIEGO — Despite widespread estimates that as many as 1 million evacuees fled"
     " Southern California’s wildfires, the number of people displaced from their homes at"
     " any one time appears to have been substantially lower.", HERALDNET_FIRES, 1_000_000,
     "at_most"),
    ("TACLOBAN CITY, Philippines — From a conservative estimate of 1000 deaths, authorities"
     " now openly admit that the death toll from Supertyphoon Yolanda (International name:"
     " Haiyan) that slammed central Philippines three days ago could reach 10,000 after the"
     " extent of devastation becomes clearer.", VOXBIKOL_YOLANDA, 10_000, "at_most"),
    ("Tacloban city administrator Tecson Lim also announced that 300 to 400 bodies have been"
     " recovered and the death toll in the city alone \"could go up to 10,000.\"",
     VOXBIKOL_YOLANDA, 10_000, "at_most"),
    ("“We are doing very little at the moment,” U.N. emergency relief coordinator Jan Egeland"
     " acknowledged in New York, as aid workers reached many stricken areas, but were still"
     " thin on the ground in a region with up to 5 million people in need.",
     "http://www.nbcnews.com/id/6769154/ns/world_news-tsunami_a_year_later/", 5_000_000,
     "at_most"),
    ("“Currently, we have about 50,000 listed as dead but there are so many affected areas"
     " that we have not reached yet, where there is no communication and the final count"
     " might reach 400,000,” Indonesian Ambassador to Malaysia Prince Rusdihardjo said.",
     AEBRAIN_TSUNAMI, 400_000, "at_most"),
    ("The report came from Beichuan county, where reports earlier had said up to 5000 people"
     " in the area may have been killed by yesterday's 7.8-magnitude quake.",
     "http://indiaenvironmentportal.org.in/content/246231/"
     "massive-death-toll-feared-in-chinese-earthquake", 5_000, "at_most"),
    ("Dr. Anthony Fauci, an infectious disease expert on the White House task force,"
     " predicted Sunday that the pandemic could infect more than a million Americans and"
     " kill up to 200,000.", NYPOST_COVID, 200_000, "at_most"),
    ("The magnitude-7.5 earthquake hit Friday evening and spawned the deadly tsunami, with"
     " waves reaching as high as 20 feet.",
     "https://www.israelhayom.com/2018/09/30/indonesian-tsunami-toll-jumps-to-832-dead-as-"
     "rescuers-struggle/", 20, "at_most"),
    # at_least: "more than", "over", "at least", "no fewer than", "in excess of"
    ("The coronavirus has so far killed over 136,000 people in the U.S and infected almost"
     " 3.5 million.", VICE_COVID, 136_000, "at_least"),
    ("The death toll already has topped over 100 in the Carolinas, Georgia, Florida,"
     " Tennessee and Virginia, and is likely to rise.", NEWSMAX_HELENE, 100, "at_least"),
    ("— Feb. 4, 1976: A magnitude 7.5 earthquake in Guatemala killed more than 23,000 and"
     " affected nearly 5 million.", GAEA_QUAKES, 23_000, "at_least"),
    ("More than 830,000 people were killed.",
     "http://earthquake.usgs.gov/earthquakes/world/most_destructive.php", 830_000, "at_least"),
    ("No fewer than 12 people were reportedly killed Sunday in Okololo community of Agatu"
     " Local Government Area in Benue State.",
     "https://www.olisa.tv/12-killed-in-fresh-benue-attack/", 12, "at_least"),
    ("The manner of the assault, in which at least 137 people lost their lives, will not soon"
     " be forgotten.", "https://www.livemint.com/global/vladimir-putin-begins-operation-blame-"
     "ukraine/amp-11711367182645.html", 137, "at_least"),
    ("At least 120 people have been killed, an estimated 100 of them children, in a Taliban"
     " attack on a school in Peshawar, Pakistan.", SLATE_PESHAWAR, 120, "at_least"),
    ("With some cell phone communications now restored, residents have been able to connect"
     " with family and friends, and the number of people still missing has been reduced from"
     " more than 2,000 to around 1,300, said Green.", BRECORDER_MAUI, 2_000, "at_least"),
    ("\"Casualties will be high... they could be well over 1,000,\" said President Pervez"
     " Musharraf's spokesman, Major-General Shaukat Sultan.", ABC_KASHMIR, 1_000, "at_least"),
    ("A storm surge in excess of 6.5 feet is likely to occur in some locations, with the"
     " surge affecting millions in low-lying areas.",
     "https://www.bradford-delong.com/2019/05/in-the-absence-of-global-warming-such-a-95-ile-"
     "cyclone-would-have-a-maximum-windspeed-at-landfall-of-210kmhr-rather-than-24.html",
     6.5, "at_least"),
    ("Dr. Anthony Fauci, an infectious disease expert on the White House task force,"
     " predicted Sunday that the pandemic could infect more than a million Americans and"
     " kill up to 200,000.", NYPOST_COVID, 1_000_000, "at_least"),
    ("“The worst were the prolonged flood disasters in China and Thailand, which together"
     " displaced over five million people.”",
     "http://go22980.com/40687/nearly-15-million-people-displaced-by-disasters-in-2011",
     5_000_000, "at_least"),
    ("More than ten million people were expected to take to the streets in 600 cities"
     " yesterday as part of global demonstrations against a war in Iraq.",
     "https://www.theage.com.au/national/march-of-millions-in-600-cities-20030216-gdv8h0.html",
     10_000_000, "at_least"),
    ("More than half a million people also swarmed the streets of Los Angeles in one of the"
     " largest rallies by protesters, who fear that progress on gender equality,"
     " contraception and abortion could be chipped away under Trump.", EAGLE_MARCHES,
     500_000, "at_least"),
    # approx: "about", "around", "some", "nearly", "almost", "roughly", "an estimated"
    ("However, if mandatory mask-wearing in public were introduced across the country, it"
     " could save almost 60,000 lives compared to the worst-case scenario.", VICE_COVID,
     60_000, "approx"),
    ("The coronavirus has so far killed over 136,000 people in the U.S and infected almost"
     " 3.5 million.", VICE_COVID, 3_500_000, "approx"),
    ("The latest casualty report, from the European Commission citing Haitian government"
     " figures, doubled previous estimates of the dead to approximately 200,000, with some"
     " 70,000 bodies recovered and trucked off to mass graves.", GAEA_QUAKES, 200_000,
     "approx"),
    ("The latest casualty report, from the European Commission citing Haitian government"
     " figures, doubled previous estimates of the dead to approximately 200,000, with some"
     " 70,000 bodies recovered and trucked off to mass graves.", GAEA_QUAKES, 70_000,
     "approx"),
    ("— Feb. 4, 1976: A magnitude 7.5 earthquake in Guatemala killed more than 23,000 and"
     " affected nearly 5 million.", GAEA_QUAKES, 5_000_000, "approx"),
    ("Some 300 have been confirmed dead, but officials say there’s dwindling hope that the"
     " 300 people still missing will be found alive.", SUNJOURNAL_DURIAN, 300, "approx"),
    ("At least 120 people have been killed, an estimated 100 of them children, in a Taliban"
     " attack on a school in Peshawar, Pakistan.", SLATE_PESHAWAR, 100, "approx"),
    ("Kenya contributes roughly 4,000 troops to the African Union peacekeeping mission in"
     " Somalia, and Al Shabaab spokesmen have referenced their presence in Somalia as the"
     " reason for the attack.", "https://www.pri.org/stories/2013-09-21/kenya-siege-ends-"
     "kenyan-forces-secure-nairobis-westgate-mall-live-blog", 4_000, "approx"),
    ("At the height of evacuations in San Diego on Tuesday morning, officials said that"
     " nearly 350,000 households had been warned to evacuate through automated emergency"
     " phone calls.", HERALDNET_FIRES, 350_000, "approx"),
    ("Almost 300 emergency personnel -- 78 missing police officers and 200 firefighters --"
     " are presumed dead.", "http://edition.cnn.com/2001/US/09/11/death.count/index.html",
     300, "approx"),
    ("With some cell phone communications now restored, residents have been able to connect"
     " with family and friends, and the number of people still missing has been reduced from"
     " more than 2,000 to around 1,300, said Green.", BRECORDER_MAUI, 1_300, "approx"),
    ("“Currently, we have about 50,000 listed as dead but there are so many affected areas"
     " that we have not reached yet, where there is no communication and the final count"
     " might reach 400,000,” Indonesian Ambassador to Malaysia Prince Rusdihardjo said.",
     AEBRAIN_TSUNAMI, 50_000, "approx"),
    ("The report from the Brussels-based Center for Research on the Epidemiology of"
     " Disasters says nearly 300,000 of those people were killed by the December Tsunami in"
     " the Indian Ocean.", "https://www.voanews.com/a/a-13-2005-02-17-voa44-67521752/"
     "284417.html", 300_000, "approx"),
    ("Almost one million people have been displaced since hostilities resumed earlier this"
     " month.", "https://community.avarestnetwork.com/post.php?id=2392", 1_000_000, "approx"),
    ("Organizers say the crowd was closer to 10,000.",
     "https://wlos.com/features/galleries/gallery-womens-march-on-asheville", 10_000,
     "approx"),
    ("An estimated 180 people lived in the path of the landslide.",
     "https://news.yahoo.com/washington-mudslide-yields-more-bodies-not-may-found-"
     "010109207--finance.html", 180, "approx"),
    ("Just to put things in perspective, four years ago just over 200,000 people showed up"
     " for George W. Bush’s inauguration.", SMAYS_CROWD, 200_000, "approx"),
    # ranges: "between X and Y" as "X to Y"; a scale word applies to both ends
    ("In 1993, between 800,000 and 1 million people marched on Washington, D.C.’s National"
     " Mall in support of LGBT rights.",
     "https://vice.com/en/article/womens-march-turnout-is-at-3-2-million-and-counting",
     (800_000, 1_000_000), "range"),
    ("Protests took place on all seven continents — including Antarctica, with between 3.1"
     " million and 4.6 million marchers taking to the streets in the United States alone.",
     DJ_WOMENS_MARCH, (3_100_000, 4_600_000), "range"),
    ("The largest demonstration took place in Washington, DC, where between half a million"
     " and 680,000 people marched, in a city with a total population of 660,000.",
     DJ_WOMENS_MARCH, (500_000, 680_000), "range"),
    ("Rather, said ABC, \"[A]pproximately 60,000 to 70,000 people flooded Pennsylvania Ave,"
     " according to the Washington DC Fire Department.\"...",
     "http://www.jillstanek.com/archives/2009/09/photos_of_dc_te.html", (60_000, 70_000),
     "range"),
    ("The unidentified gunmen, who appeared to be between 20 and 25 years of age, shot and"
     " killed a worker at a nearby car wash before their attack at the school, police said.",
     "https://www.thedailybeast.com/ten-dead-in-unspeakably-brutal-brazil-school-shooting",
     (20, 25), "range"),
    ("Tacloban city administrator Tecson Lim also announced that 300 to 400 bodies have been"
     " recovered and the death toll in the city alone \"could go up to 10,000.\"",
     VOXBIKOL_YOLANDA, (300, 400), "range"),
    ("KAHULUI: Recovery crews in Hawaii are likely to find between 10 and 20 more victims per"
     " day, the state's governor has said -- meaning the toll from the deadliest US wildfire"
     " in a century is expected to rise sharply.", BRECORDER_MAUI, (10, 20), "range"),
    ("Tacloban city administrator Tecson Lim explained that about 300-400 bodies were"
     " already recovered.", "https://www.inquisitr.com/1024670/super-typhoon-haiyans-death-"
     "toll-could-pass-10000-officials-say/", (300, 400), "range"),
    ("The first quake was followed by a series of four aftershocks of magnitudes between 5.4"
     " and 5.9.", ABC_KASHMIR, (5.4, 5.9), "range"),
    ("The girls, between 10 and 15 years old, were crushed in their Taluqan city school’s"
     " stairwell, between the first and second floors, said Abdul Khalil Asir, a spokesman"
     " for Takhar province police.", "http://www.financialnewsusa.com/featured/disaster-"
     "potentially-widespread-significant-casualties-likely/", (10, 15), "range"),
    ("The [L.A. Times] spoke to ‘police sources’ who guessed that there were somewhere"
     " between 500,000 and 800,000 protestors, which would make the march [supporting legal"
     " abortion] among the biggest in years.",
     "https://www.overlawyered.com/2004/04/dc-police-wont-estimate-crowds/",
     (500_000, 800_000), "range"),
    ("The Red Cross said Wednesday the death toll in Myanmar's cyclone may be between 68,833"
     " and 127,990.", JPOST_NARGIS, (68_833, 127_990), "range"),
    ("It said in a situation report on Myanmar that the total affected population is between"
     " 1.64 million and 2.51 million.", JPOST_NARGIS, (1_640_000, 2_510_000), "range"),
    ("WASHINGTON – The White House coronavirus task force estimated in a press conference on"
     " Tuesday that the US could see a spike in the coronavirus death toll over the next 14"
     " days, and that the overall number of casualties could range between 100,000 to"
     " 240,000.", "https://www.jpost.com/International/US-predicts-between-100000-and-"
     "240000-deaths-from-coronavirus-623116", (100_000, 240_000), "range"),
    ("The only other crowd of this size that has assembled in recent times is the yearly"
     " Muslim pilgrimage, or Hajj, to Mecca in Saudi Arabia, which this year topped out at"
     " between 2 million and 3 million visitors.”", SMAYS_CROWD, (2_000_000, 3_000_000),
     "range"),
    ("And in Boston, local media cited Mayor Marty Walsh’s office as estimating the crowd"
     " between 135,000 and 150,000 people.", EAGLE_MARCHES, (135_000, 150_000), "range"),
    ("Between 800,000 and a million people marched on the National Mall in 1993 for LGBT"
     " rights.", "https://africa.businessinsider.com/finance/in-america-the-9-biggest-"
     "marches-and-protests-in-history/b9c82x2", (800_000, 1_000_000), "range"),
]


def _reads(q: Quantity, value: Value) -> bool:
    if isinstance(value, tuple):
        return (q.high is not None and same_number(q.value, value[0])
                and same_number(q.high, value[1]))
    return q.high is None and same_number(q.value, value)


def read_right(sentence: str, value: Value, bound: str) -> bool:
    """Whether the reader finds `value` in `sentence`, with `bound`."""
    found = [q for q in find_quantities(sentence) if _reads(q, value)]
    return bool(found) and found[0].bound == bound


def test_the_table_is_real_and_large_enough() -> None:
    assert len(REAL) >= 25
    assert len({s for s, *_ in REAL}) >= 25
    assert all(url.startswith("http") for _, url, _, _ in REAL)
    assert not any("libya" in (s + url).lower() or "derna" in (s + url).lower()
                   for s, url, _, _ in REAL)
    assert {b for *_, b in REAL} == {"at_most", "at_least", "approx", "range"}


@pytest.mark.parametrize(("sentence", "url", "value", "bound"), REAL,
                         ids=[f"{n}-{row[3]}" for n, row in enumerate(REAL)])
def test_real_sentence(sentence: str, url: str, value: Value, bound: str) -> None:
    found = [q for q in find_quantities(sentence) if _reads(q, value)]
    assert found, f"{value} not read in {sentence!r}: {find_quantities(sentence)}"
    assert found[0].bound == bound, found[0]
    assert sentence[found[0].start:found[0].end] == found[0].text
