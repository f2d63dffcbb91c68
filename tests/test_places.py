"""Finding and resolving the places of real articles."""

from __future__ import annotations

import pytest
from conftest import km

from bordermap.geo.article import Article


def places_of(pipeline, text: str) -> dict[str, object]:
    article = pipeline(Article(id="t", text=text))
    return {m.text: m.place for m in article.mentions}


def test_sample_article_places_with_offsets(sample_article):
    text = sample_article.text
    found = {}
    for m in sample_article.mentions:
        assert text[m.start : m.end] == m.text
        found.setdefault(m.text, m)
    for name in ("Minsk", "Kyiv", "Belarus", "Ukraine", "Russia", "Dyvin", "Divin", "Moscow region"):
        assert name in found, name
        assert found[name].place is not None, name
    assert found["Dyvin"].place == found["Divin"].place
    assert km((found["Dyvin"].place.lat, found["Dyvin"].place.lon), (51.9667, 24.55)) < 10
    assert found["Moscow region"].place.kind == "region"
    assert found["Moscow region"].kind == "region_phrase"


def test_kremlin_is_a_metonym_for_moscow(sample_article):
    kremlin = [m for m in sample_article.mentions if m.text == "Kremlin"]
    assert kremlin and all(m.kind == "metonym" and m.place.name == "Moscow" for m in kremlin)


def test_no_place_from_people_organisations_or_weapons(sample_article):
    texts = {m.text for m in sample_article.mentions}
    spans = [(m.start, m.end) for m in sample_article.mentions]
    for word in ("Digital", "Marketing", "Aganecy", "Lukashenko", "Peskov", "Putin", "CNN", "Tu-22", "Backfire"):
        assert not any(word in t for t in texts), word
    for start in (i for i in range(len(sample_article.text)) if sample_article.text.startswith("Digital Marketing Aganecy", i)):
        assert not any(s < start + 25 and start < e for s, e in spans)


def test_demonyms_are_listed_apart(sample_article):
    codes = {(d.text, d.country_code) for d in sample_article.demonyms}
    assert ("Belarusian", "BY") in codes and ("Ukrainian", "UA") in codes and ("Russian", "RU") in codes
    text = sample_article.text
    start = text.index("Ukrainian-Belarusian border")
    both = [d.country_code for d in sample_article.demonyms if start <= d.start < start + 20]
    assert both == ["UA", "BY"]
    assert not {m.text for m in sample_article.mentions} & {"Belarusian", "Ukrainian"}


def test_direction_qualifier(sample_article):
    northwest = [m for m in sample_article.mentions if m.qualifier == "northwest"]
    assert northwest and northwest[0].text == "Ukraine" and northwest[0].kind == "region_phrase"


def test_every_resolved_place_has_confidence_and_reason(sample_article):
    for m in sample_article.places:
        assert 0 < m.confidence <= 1
        assert m.reason


@pytest.mark.parametrize("text,name,code", [
    ("Brest in western Belarus has been a border fortress since the 19th century.", "Brest", "BY"),
    ("The French navy's Atlantic base is at Brest, France, on the tip of Brittany.", "Brest", "FR"),
    ("Belarusian border guards said the queue at Brest and Terespol on the Polish border reached 20 km.", "Brest", "BY"),
    ("Police in Moscow, Idaho, said four University of Idaho students were killed.", "Moscow", "US"),
    ("The Kremlin said Putin would remain in Moscow over the weekend.", "Moscow", "RU"),
    ("Paris, Texas, is a small town in Lamar County.", "Paris", "US"),
    ("France said talks in Paris with Ukrainian officials would continue.", "Paris", "FR"),
])
def test_ambiguous_names_resolved_by_context(pipeline, text, name, code):
    place = places_of(pipeline, text)[name]
    assert place.country_code == code


@pytest.mark.parametrize("spelling", ["Kharkiv", "Kharkov"])
def test_kharkiv_spellings(pipeline, spelling):
    place = places_of(pipeline, f"Russian missiles struck {spelling} overnight, the regional governor said.")[spelling]
    assert place.name == "Kharkiv"


@pytest.mark.parametrize("spelling", ["Lviv", "Lvov", "Lwów"])
def test_lviv_spellings(pipeline, spelling):
    place = places_of(pipeline, f"Refugees crossed into Poland after reaching {spelling} by train.")[spelling]
    assert place.name == "Lviv"


def test_dev_article_places_and_ignored_organisations(pipeline, dev_articles):
    record = dev_articles["voa-2023-02-20-torkham-closed"]
    article = pipeline(Article(id=record["id"], text=record["text"], date=record["date"]))
    found = {m.text: m.place for m in article.mentions}
    assert found["Torkham"].kind == "crossing"
    assert km((found["Torkham"].lat, found["Torkham"].lon), (34.1017, 71.0931)) < 10
    for ignored in record["ignore"]:
        assert not any(m.start < ignored["end"] and ignored["start"] < m.end for m in article.mentions), ignored


def test_empty_and_placeless_text(pipeline):
    assert pipeline(Article(id="e", text="")).mentions == []
    assert pipeline(Article(id="n", text="It rained all day and nobody went out.")).mentions == []


@pytest.mark.parametrize("text,code", [
    ("The storm hit Atlanta and Savannah overnight before it left Georgia for South Carolina.", "US"),
    ("Russian troops moved closer to Tbilisi as Georgia appealed for a ceasefire.", "GE"),
])
def test_georgia_state_or_country_by_the_other_places(pipeline, text, code):
    """A name is not evidence for its own reading: "Georgia" beside Atlanta is the state."""
    assert places_of(pipeline, text)["Georgia"].country_code == code


def test_places_inside_institution_names(pipeline):
    found = places_of(pipeline, "Researchers at the University of Nebraska and the Butler County Health "
                                "Consortium shared the data with the Voice of America.")
    assert found["Nebraska"].kind == "region"
    assert found["Butler County"].kind == "district"
    assert "America" not in found  # a broadcaster's name, not a place


def test_small_town_alias_does_not_beat_a_city(pipeline):
    """"Jerusalem" is also an old name of a village in Maryland; beside Washington it is still Jerusalem."""
    found = places_of(pipeline, "Our correspondent reported from the Jerusalem bureau, and officials in "
                                "Washington declined to comment.")
    assert found["Jerusalem"].country_code in ("IL", "PS")


def test_landmark_named_with_its_head_word(pipeline, dev_articles):
    record = dev_articles["voa-2008-10-16-preah-vihear-commanders-talks"]
    article = pipeline(Article(id=record["id"], text=record["text"], date=record["date"]))
    temples = [m for m in article.mentions if m.text == "Preah Vihear temple"]
    assert len(temples) == 2 and all(m.place.kind == "landmark" for m in temples)


def test_demonym_that_begins_a_place_name(pipeline):
    article = pipeline(Article(id="t", text="Wildfires burned across British Columbia as a cyclone formed in the "
                                            "Indian Ocean."))
    found = {m.text: m.place for m in article.mentions}
    assert found["British Columbia"].kind == "region" and found["British Columbia"].country_code == "CA"
    assert found["Indian Ocean"].kind == "water"
    assert not article.demonyms


def test_a_name_does_not_vouch_for_its_own_city(pipeline):
    """"Quebec" the province does not put "Quebec" in a region the article names."""
    place = places_of(pipeline, "Farmers in Quebec and Ontario lost most of the harvest to the drought.")["Quebec"]
    assert place.kind == "region"


@pytest.mark.parametrize("text,name", [
    ("The match was hard to win, states coach Ripley.", "Ripley"),
    ("Over the next few years, Pierce said she wants to keep the office open.", "Pierce"),
])
def test_a_title_or_a_speech_verb_makes_a_person(pipeline, text, name):
    assert name not in places_of(pipeline, text)


def test_long_article_is_read_in_pieces_with_the_same_result(pipeline, sample_article, monkeypatch):
    """spaCy takes at most 1,000,000 characters: longer texts are cut at whitespace and joined back."""
    from bordermap.geo import pipeline as geo_pipeline

    text = sample_article.text
    monkeypatch.setattr(geo_pipeline, "CHUNK_CHARS", 1000)
    pieces = list(geo_pipeline._pieces(text))
    assert len(pieces) >= 3 and "".join(pieces) == text
    assert all(piece[-1].isspace() for piece in pieces[:-1])
    chunked = pipeline(Article(id="long", text=text, date="2023-02-16"))
    assert chunked.doc.text == text
    found = {(m.start, m.end, m.place.name if m.place else None) for m in chunked.mentions}
    whole = {(m.start, m.end, m.place.name if m.place else None) for m in sample_article.mentions}
    assert len(found & whole) >= 0.9 * len(whole)  # a cut may split a sentence, never a name
    assert {"Dyvin", "Divin", "Kyiv", "Minsk"} <= {m.text for m in chunked.mentions}


def test_kurram_agency_is_a_place_even_when_spacy_says_person(pipeline):
    found = places_of(pipeline, "The latest violence erupted along the border area dividing Pakistan's tribal "
                                "Kurram Agency from Afghanistan's Paktia province.")
    assert found["Kurram Agency"].kind == "region"


@pytest.mark.parametrize("text,name,found_as", [
    ("Storms knocked out power across North Texas on Monday.", "North Texas", "Texas"),
    ("He was booked into the Henderson County Jail in Hendersonville, North Carolina.",
     "Henderson County Jail", "Henderson County"),
    ("Floods cut roads in Guangxi province, state media said.", "Guangxi province", "Guangxi"),
])
def test_a_name_the_gazetteer_lacks_is_found_without_its_direction_or_institution(pipeline, text, name, found_as):
    article = pipeline(Article(id="t", text=text))
    mention = next(m for m in article.mentions if m.text == name)
    assert mention.place is not None
    assert mention.reason.startswith(f"found as '{found_as}'")


def test_rivers_and_unknown_counties_are_not_cut_down_to_a_town():
    from bordermap.geo.name_backoff import backoff_names

    assert backoff_names("Sacramento River") == []
    assert backoff_names("Greenbrier-Pocahontas County") == []
    assert backoff_names("Lake Lanier") == []


def test_an_institution_cut_after_of_is_still_dropped():
    from bordermap.geo.name_backoff import backoff_names

    assert backoff_names("Muscogee County Clerk of") == ["Muscogee County"]  # [Superior Court]
    assert backoff_names("Bank of") == []  # not "Bank", a town


def test_two_word_demonym(pipeline):
    article = pipeline(Article(id="t", text="The Sri Lankan navy said it had rescued 40 fishermen."))
    assert [(d.text, d.country_code) for d in article.demonyms] == [("Sri Lankan", "LK")]


@pytest.mark.parametrize("text, demonyms", [
    ("Haitians and Eritreans waited beside Iraqis at the gate.", [("Haitians", "HT"), ("Eritreans", "ER"), ("Iraqis", "IQ")]),
    ("Equatorial Guineans crossed into Cameroon.", [("Equatorial Guineans", "GQ")]),  # not Guinea's people
])
def test_a_countrys_people_in_the_plural(pipeline, text, demonyms):
    article = pipeline(Article(id="t", text=text))
    assert [(d.text, d.country_code) for d in article.demonyms] == demonyms


@pytest.mark.parametrize("text, demonyms", [
    ("Talks to modernize the North American Free Trade Agreement resumed.", []),  # not the US's
    ("Latin American leaders met in Lima.", []),
    ("South Korean and North Korean officials met.", [("South Korean", "KR"), ("North Korean", "KP")]),
    ("Troops entered the Central African Republic on Monday.", []),  # the country, a place
])
def test_a_continents_people_are_not_a_countrys(pipeline, text, demonyms):
    article = pipeline(Article(id="t", text=text))
    assert [(d.text, d.country_code) for d in article.demonyms] == demonyms


def test_a_metonym_keeps_its_city_whatever_the_context(pipeline):
    text = ("WASHINGTON, N.C. - The mayor of Washington, North Carolina, said the White House had not "
            "returned his calls about flood relief.")
    article = pipeline(Article(id="t", text=text))
    white_house = next(m for m in article.mentions if m.text == "White House")
    town = next(m for m in article.mentions if m.text == "Washington")
    assert white_house.place.admin1 == "US.DC"
    assert town.place.admin1 == "US.NC"


def test_names_listed_together_are_places_of_one_kind(pipeline):
    text = ("Health officials are investigating cases in Washington, Pennsylvania and California, "
            "as well as Oregon and Idaho.")
    found = places_of(pipeline, text)
    assert found["Washington"].kind == "region" and found["Washington"].admin1 == "US.WA"
    assert found["California"].kind == "region" and found["California"].admin1 == "US.CA"


def test_a_county_in_a_state_the_article_names(pipeline):
    text = "Flooding closed schools in Beaufort County, officials in North Carolina said on Tuesday."
    assert places_of(pipeline, text)["Beaufort County"].admin1 == "US.NC"


def test_a_country_name_is_a_state_when_the_rest_of_the_article_is_in_that_country(pipeline):
    text = ("Voters lined up early in Columbus and across the river in Phenix City, Alabama. Turnout in "
            "Georgia was higher than in Alabama, officials in Montgomery said.")
    georgia = places_of(pipeline, text)["Georgia"]
    assert georgia.kind == "region" and georgia.country_code == "US"


@pytest.mark.parametrize("text,name", [
    ("Cases of West Nile virus rose in Texas this summer.", "West Nile"),
    ("An outbreak of Lassa fever was reported in Nigeria.", "Lassa"),
    ("The temple was built in 500 BC, long before the town grew.", "BC"),
    ("Officials said the dead swan tested positive for bird flu.", "swan"),
    ("Crowds gathered to mark the start of St. Patrick's Day in Chicago.", "St. Patrick's Day"),
    ("Copernicus held that the Earth revolved around the sun.", "Earth"),  # not Earth, Texas
    ("We are safe as a city, said Fargo City Commissioner Tim Mahoney.", "Commissioner"),  # a title
])
def test_names_of_diseases_eras_and_lower_case_words_are_not_places(pipeline, text, name):
    assert name not in places_of(pipeline, text)


def test_a_surname_stays_a_person_unless_in_or_near_comes_before_it(pipeline):
    text = ("President Trump named John Bolton as national security adviser on Thursday. Bolton, a former "
            "ambassador, met reporters. Police in Bolton said roads were closed.")
    article = pipeline(Article(id="t", text=text))
    assert [text[m.start : m.end + 5] for m in article.mentions if m.text == "Bolton"] == ["Bolton said"]


@pytest.mark.parametrize("text,name,code", [
    ("Bushfires burned across NSW on Saturday.", "NSW", "AU"),
    ("Wildfires forced evacuations across BC on Monday.", "BC", "CA"),
    ("The mine is near Wheeling, W. Va., officials said.", "W. Va.", "US"),
])
def test_press_abbreviations_of_regions(pipeline, text, name, code):
    place = places_of(pipeline, text)[name]
    assert place.kind == "region" and place.country_code == code


def test_ambiguous_county_names_do_not_vouch_for_a_state(pipeline):
    text = ("Crews from Madison County and Montgomery County joined the search, and McLean County sent two "
            "boats, before the convoy left for Atlanta on Friday.")
    assert places_of(pipeline, text)["Atlanta"].admin1 == "US.GA"


def test_one_small_place_does_not_decide_the_country(pipeline):
    text = "The parade went down King Street in Charleston, then past Hampton Park."
    found = places_of(pipeline, text)
    assert found["Charleston"].country_code == "US"
    assert "King" not in found  # part of a street's name


def test_a_dateline_names_a_place_even_a_small_one(pipeline):
    text = "Headline: Grant event draws crowd. IMMOKALEE – Congressman Mario Diaz-Balart spoke on Friday."
    assert places_of(pipeline, text)["IMMOKALEE"].country_code == "US"


@pytest.mark.parametrize("text,name", [
    ("Matthew Holder-Wooloff, 15, from Bicester, was introduced to the classes by his mother.", "Bicester"),
    ("In January, South Carolina had the second-highest unemployment rate in the nation.", "South Carolina"),
])
def test_a_place_spacy_calls_an_organisation_or_hides_in_a_date(pipeline, text, name):
    assert places_of(pipeline, text)[name] is not None


def test_a_group_after_a_locative_word_is_still_not_a_place(pipeline):
    assert "Hamas" not in places_of(pipeline, "She said she has no intention of talking to Hamas.")


def test_a_direction_is_not_dropped_from_a_continent_or_a_sea(pipeline):
    article = pipeline(Article(id="t", text="Migrants set off from North Africa across the Eastern Mediterranean."))
    found = {m.text: m.place for m in article.mentions}
    assert found["North Africa"].name == "Northern Africa"  # the M49 region, not Africa's middle
    assert found.get("Eastern Mediterranean") is None or found["Eastern Mediterranean"].kind != "water"


def test_a_city_is_not_taken_for_the_county_of_its_name(pipeline):
    text = ("DALLAS — Storms moved east from Dallas on Tuesday, and forecasters in Houston and San Antonio "
            "said the worst was over.")
    dallas = places_of(pipeline, text)["Dallas"]
    assert dallas.kind == "city" and dallas.admin1 == "US.TX"


def test_wales_is_the_region_not_the_united_kingdom(pipeline):
    wales = places_of(pipeline, "Flooding closed roads across Wales on Sunday.")["Wales"]
    assert wales.kind == "region" and wales.admin1 == "GB.WLS"


def test_a_word_never_a_place_alone_is_not_one_when_spacy_says_so(pipeline):
    found = places_of(pipeline, "Western officials met in Kyiv while US envoys waited.")
    assert "Western" not in found
    assert found["US"].country_code == "US"


def test_us_before_dollars_is_the_country(pipeline):
    assert places_of(pipeline, "The list held 140 projects worth 43.8 billion US dollars.")["US"].country_code == "US"


@pytest.mark.parametrize("text,name", [
    ("The 60-year-old Alton man was diagnosed with leukemia in August.", "Alton"),
    ("Sen. Ken Cuccinelli, R-Fairfax, attached the proposal to a bill.", "Fairfax"),
    ("Clinton couple faces drug counts. CLINTON — A town couple was charged on Monday.", "CLINTON"),
    ("The driver was later questioned by Moorhead police.", "Moorhead"),
    ("She will stay with her aunt, Susan Grubb, who also lives in Tega Cay.", "Tega Cay"),  # spaCy: a person
    ("The Chad town of Adre, near the border with Sudan, once had 40,000 people.", "Adre"),  # spaCy: a person
])
def test_home_towns_and_datelines_the_model_misses(pipeline, text, name):
    assert places_of(pipeline, text).get(name) is not None


@pytest.mark.parametrize("text,name", [
    ("He was sentenced on Friday at the Anderson County Courthouse by a state district judge.", "Anderson County"),
    ("The arrest was made, according to Anderson County Sheriff Greg Taylor.", "Anderson County"),
    ("He was pronounced dead at the scene by the Metcalfe County Coroner's Office.", "Metcalfe County"),
    ("He is held in the Barren County Detention Center.", "Barren County"),
    ("He was later transferred to St. Cloud Hospital, where he was listed in fair condition.", "St. Cloud"),
])
def test_a_county_named_inside_an_office_or_a_title(pipeline, text, name):
    assert places_of(pipeline, text).get(name) is not None


def test_a_direction_kept_in_a_shorter_name_is_not_a_dropped_one(gazetteer):
    from bordermap.geo.name_backoff import lookup

    found, used = lookup(gazetteer, "West Columbia City Council", 5)
    assert used == "West Columbia" and found  # a town of 17,000: the direction is part of its name


def test_a_town_named_like_a_state_of_its_country_is_the_state(pipeline):
    text = ("Michigan, Oregon, New Mexico, Indiana, Ohio, Wisconsin and Utah all report human cases of "
            "the illness.")
    oregon = places_of(pipeline, text)["Oregon"]
    assert oregon.kind == "region" and oregon.admin1 == "US.OR"


@pytest.mark.parametrize("text,name,admin1", [
    ("A 54-year-old Palestine man pleaded guilty to evading arrest at the Anderson County Courthouse.",
     "Palestine", "US.TX"),
    ("Officers of the Lebanon Police Department and Boone County deputies searched the house on Elm Street.",
     "Lebanon", "US.IN"),
    ("Mary Stone, 71, of Lebanon, said Boone County roads were not plowed until noon.", "Lebanon", "US.IN"),
])
def test_a_name_written_as_a_towns_is_the_town_not_the_country(pipeline, text, name, admin1):
    place = places_of(pipeline, text)[name]
    assert place.kind in ("town", "city") and place.admin1 == admin1


_FUNERAL = "Friends may call at the Smith Funeral Home{} after 6 p.m. Memorial gifts of $25 or more go to the church."


@pytest.mark.parametrize("text, plain, name", [
    (_FUNERAL.format(", 120 Walnut St., Lebanon,"), _FUNERAL.format(" in Lebanon"), "Lebanon"),
    ("Tryouts for the Jordan boys basketball team cost $40.", "Tryouts for the Jordan basketball team cost $40.", "Jordan"),
    ("Tryouts will be held at the Jordan middle school and cost $40.", "Tryouts will be held in Jordan and cost $40.",
     "Jordan"),
    ("The plant sale will be held at the Texas Forestry Service office, past the Palestine Civic Center.",
     "The plant sale will be held at the Texas Forestry Service office in Palestine.", "Palestine"),
])
def test_an_address_a_school_team_or_a_civic_building_makes_a_name_a_towns(pipeline, text, plain, name):
    assert places_of(pipeline, text)[name].kind in ("town", "city")
    # without the cue, the country's prior wins even in an article priced in dollars
    assert places_of(pipeline, plain)[name].kind == "country"


def test_a_town_chosen_first_backs_its_county(pipeline):
    text = "Officers of the Lebanon Police Department and Boone County deputies searched the house on Elm Street."
    assert places_of(pipeline, text)["Boone County"].admin1 == "US.IN"


def test_a_town_chosen_first_backs_the_towns_near_it(gazetteer):
    # Lebanon, Ind. is not among the most likely Lebanons, but once chosen it backs Thorntown, Ind., 20 km away
    from bordermap.geo.support import support as _support

    found = {"lebanon": gazetteer.candidates("Lebanon"), "thorntown": gazetteer.candidates("Thorntown")}
    lebanon = next(p for p in found["lebanon"] if p.admin1 == "US.IN")
    assert ("thorntown", 0) not in _support(found, list(found))
    assert _support(found, list(found), chosen={"lebanon": lebanon})[("thorntown", 0)] > 0


def test_the_country_keeps_its_name_without_a_towns_cue(pipeline):
    found = places_of(pipeline, "Israel and Lebanon agreed to extend the ceasefire, officials in Beirut said.")
    assert found["Lebanon"].kind == "country"


def test_a_country_name_is_the_region_that_holds_another_place_named(pipeline):
    text = "Heavy rain fell across north Georgia overnight and flooded several roads in metro Atlanta."
    georgia = places_of(pipeline, text)["Georgia"]
    assert georgia.kind == "region" and georgia.country_code == "US"


def test_a_county_vouches_fully_for_the_towns_in_it_and_half_for_those_by_it(gazetteer):
    from bordermap.geo.support import link as _link

    def one(name, admin1):
        return next(p for p in gazetteer.candidates(name) if p.admin1 == admin1)

    assert _link(one("Richmond", "US.KY"), one("Madison County", "US.KY")) == 1.0  # its seat
    assert _link(one("Richmond", "US.IN"), one("Madison County", "US.IN")) == 0.5  # 80 km away, same state
    assert _link(one("Richmond", "US.VA"), one("Madison County", "US.KY")) == 0.0


def test_a_city_found_by_its_own_name_beats_one_found_by_an_alternate_name(pipeline):
    cancun = places_of(pipeline, "Spring-break flights from Dallas to Cancun were full by February.")["Cancun"]
    assert (cancun.name, cancun.country_code) == ("Cancún", "MX")


def test_places_spacy_reads_as_one_entity_are_found_apart(pipeline):
    found = places_of(pipeline, "Gulf-war vet to bike from Norman to D.C.. He is a long way from home.")
    assert "Norman to D.C" not in found
    assert found["Norman"].admin1 == "US.OK"


def test_a_former_name_of_a_smaller_city_does_not_beat_the_city_of_that_name(pipeline):
    text = "Russia moved Iskander missiles to Kaliningrad, officials in Moscow said."
    kaliningrad = places_of(pipeline, text)["Kaliningrad"]
    assert (kaliningrad.name, kaliningrad.admin1) == ("Kaliningrad", "RU.23")  # not Korolev, near Moscow


@pytest.mark.parametrize("text, admin1", [
    ("The Henry County Commission met in Paris on Tuesday to discuss the budget for the new jail.", "US.TN"),
    ("Paris police said the Lamar County jail was full.", "US.TX"),
])
def test_a_town_and_the_county_it_is_the_seat_of_find_each_other_however_rare(pipeline, text, admin1):
    # Paris, Tenn. (seat of its Henry County) is far down the Parises, and Henry County, Tenn. among the
    # Henry Counties: the pair still wins over the likelier Paris and Henry County apart
    found = places_of(pipeline, text)
    assert found["Paris"].admin1 == admin1 and found["Paris"].kind in ("town", "city")
    assert next(p for name, p in found.items() if name.endswith("County")).admin1 == admin1


def test_a_word_written_like_a_code_in_other_case_is_not_a_place(pipeline):
    found = places_of(pipeline, "Since the President signed the Act, the city has sent its wish list to Wichita, Kan.")
    assert "Act" not in found
    assert found["Kan."].name == "Kansas" and found["Wichita"].admin1 == "US.KS"


@pytest.mark.parametrize("text, country", [
    ("The Mansfield city council approved $2 million for new roads on Monday.", "US"),
    ("Richmond council will charge £60 a year to collect garden waste from April.", "GB"),
])
def test_prices_say_which_country_an_article_is_in(pipeline, text, country):
    assert next(iter(places_of(pipeline, text).values())).country_code == country


@pytest.mark.parametrize("text, not_a_place", [
    ("He was arrested at Paris City Hall by Paris Police Department officers.", "Hall"),  # not Hall County
    ("McDaniel, 19, of 1205 Lone Oak Road, was arrested on Sunday.", "Lone"),  # not Loni, India
    ("The lane closure on Lake Mary - Highway 9 lasts until Friday.", "Mary"),  # not Mary, Turkmenistan
    ("The funeral will be at the Smith Funeral Home, 120 Walnut St., Lebanon.", "Walnut St."),
])
def test_streets_and_buildings_hold_no_place(pipeline, text, not_a_place):
    assert not_a_place not in places_of(pipeline, text)


def test_a_county_road_names_its_county_and_a_street_its_town(pipeline):
    found = places_of(pipeline, "Road work closes Highway 29 at Douglas County Road 4 near Alexandria, Minn.")
    assert found["Douglas"].name == "Douglas County" and found["Douglas"].admin1 == "US.MN"
    assert places_of(pipeline, "Harare’s Third Street will soon be repaired, the council said.")["Harare"].country_code == "ZW"


def test_a_compass_word_inside_a_name_the_model_misses(pipeline):
    found = places_of(pipeline, "Victoria has 752 cases. New South Wales is second, with 74 infections.")
    assert "Wales" not in found
    assert found["New South Wales"].country_code == "AU"


def test_names_listed_before_counties_are_counties(pipeline):
    text = "Flooding is affecting roads in Becker, Clay, Douglas, Grant, Otter Tail and Wilkin counties."
    found = places_of(pipeline, text)
    assert {name: (p.name, p.admin1) for name, p in found.items()} == {
        name: (f"{name} County", "US.MN") for name in ("Becker", "Clay", "Douglas", "Grant", "Otter Tail", "Wilkin")}
    found = places_of(pipeline, "The storm hit Rapides and Avoyelles parishes overnight.")
    assert found["Rapides"].name == "Rapides Parish" and found["Avoyelles"].admin1 == "US.LA"
    assert "Clay" not in places_of(pipeline, "Clay and Grant scored twice each for the county team.")


def test_a_name_listed_after_a_place_is_a_place(pipeline):
    found = places_of(pipeline, "The governor stopped in Oakport and Moorhead, urging residents to join.")
    assert found["Moorhead"].admin1 == "US.MN"
    assert "Moorhead" not in places_of(pipeline, "Smith and Moorhead scored in the second half.")


@pytest.mark.parametrize("text, name, place", [
    ("Metro Vancouver already banned the disposal of unused drugs.", "Vancouver", "Vancouver"),  # not Metro, Indonesia
    ("Greater Manchester Police said two men were arrested.", "Manchester", "Manchester"),
    ("The Greater London Authority said the plan would cost more.", "Greater London", "Greater London"),
])
def test_a_city_inside_its_areas_name(pipeline, text, name, place):
    found = places_of(pipeline, text)
    assert found[name].name == place and "Metro" not in found


@pytest.mark.parametrize("text, name, kind", [
    ("Floods cut the roads across Rio Grande do Sul on Sunday.", "Rio Grande do Sul", "region"),  # not the river
    ("A council in Kingston upon Thames sent aid.", "Kingston upon Thames", "town"),
])
def test_a_name_grows_over_a_lowercase_particle_to_the_longer_name(pipeline, text, name, kind):
    found = places_of(pipeline, text)
    assert found[name].kind == kind and "Rio Grande" not in found and "Kingston" not in found


def test_a_country_ending_an_organisations_name_is_where_it_works(pipeline):
    assert places_of(pipeline, "In this respect, HSBC Malta stated that it has no information.")["Malta"].kind == "country"
    assert "Russia" not in places_of(pipeline, "Senior United Russia officials met on Saturday.")  # a party
    assert "America" not in places_of(pipeline, "The prison is run by Corrections Corporation of America.")
    assert "Canada" in places_of(pipeline, "CETA: EU-Canada trade deal clears legal hurdle.")  # not "-Canada"


def test_a_two_word_demonym_that_begins_a_countrys_name(pipeline):
    found = places_of(pipeline, "Troops entered the Central African Republic on Monday.")
    assert found["Central African Republic"].country_code == "CF"


def test_a_name_read_as_a_place_once_is_one_where_it_stands_alone_again(pipeline):
    text = ("The army pressed on in the last rebel bastion of Douma. The army statement said so on Saturday.\n\n"
            "Douma is surrounded by government forces.")
    article = pipeline(Article(id="t", text=text))
    doumas = [m for m in article.mentions if m.text == "Douma"]
    assert len(doumas) == 2 and all(m.place is not None and m.place.country_code == "SY" for m in doumas)
    assert doumas[1].found_by == "the same name as a place elsewhere in the text"
    text = "Police in Troy closed the road. Troy Aikman was late. Later Troy said the road was open."
    assert [m.start for m in pipeline(Article(id="t", text=text)).mentions] == [10]  # a person's name twice


@pytest.mark.parametrize("later", [
    "Many were hurt on the wire surrounding Melilla and dozens more in the crowd behind them.",  # spaCy: a person
    "Others tried to reach Melilla by swimming around the breakwater.",
    "Melilla officials counted the injured.",  # spaCy: an organisation
])
def test_a_place_spacy_reads_as_a_person_later_in_the_text_is_still_the_place(pipeline, later):
    text = "Hundreds of migrants climbed the fence from Morocco into Melilla on Sunday. " + later
    melillas = [m for m in pipeline(Article(id="t", text=text)).mentions if m.text == "Melilla"]
    assert len(melillas) == 2 and all(m.place.country_code == "ES" for m in melillas)
    assert melillas[1].found_by == "the same name as a place elsewhere in the text"


def test_a_place_of_the_text_inside_an_organisations_name_is_still_the_place(pipeline):
    text = "Police in Timaru closed two roads. Crews from Oamaru, Ashburton and Timaru were sent."
    found = [m for m in pipeline(Article(id="t", text=text)).mentions if m.text == "Timaru"]  # spaCy: one organisation
    assert len(found) == 2 and found[1].found_by == "the same name as a place elsewhere in the text"


@pytest.mark.parametrize("text, name", [
    ("Troops left America in June. Voice of America reported the withdrawal.", "America"),  # a broadcaster
    ("Residents of Sandy, Utah, sent aid. Hurricane Sandy hit the coast in 2012.", "Sandy"),  # an event
    ("Storms hit Lyon on Monday. Fans of Olympique Lyon waited at the station.", "Lyon"),  # a club
])
def test_a_place_of_the_text_is_not_read_again_inside_a_things_name(pipeline, text, name):
    assert [m.text for m in pipeline(Article(id="t", text=text)).mentions].count(name) == 1


def test_a_persons_surname_is_not_a_place_because_the_name_was_read_as_one_once(pipeline):
    text = ("A jury heard the case of the police shooting of Darnell K. Bell on Monday. The fight between Bell and "
            "the officer lasted a minute. The officer chased Bell. Bell ran through two parking lots.")
    article = pipeline(Article(id="t", text=text))  # spaCy reads "Darnell K. Bell" and every "Bell" as organisations
    # "between Bell and the officer" is still read as a place by the cue of "between", as before; the later
    # "Bell"s are not taken from it
    assert [m.text for m in article.mentions if m.start > text.index("chased")] == []


@pytest.mark.parametrize("text, name, country", [
    ("Shelling hit a small exclave, Vorukh, on Thursday.", "Vorukh", "TJ"),  # spaCy: no entity
    ("Traffic was heavy in the city, Belo Horizonte, on Friday.", "Belo Horizonte", "BR"),  # spaCy: a person
    ("Officials in the province, Oruzgan, said two bridges were down.", "Oruzgan", "AF"),
])
def test_a_name_in_apposition_to_a_kind_of_place_is_that_place(pipeline, text, name, country):
    assert places_of(pipeline, text)[name].country_code == country


@pytest.mark.parametrize("text", [
    "A spokesman for the province, Ali, said the road was shut.",  # every Ali the gazetteer knows is a town
    "In the capital, Carter, the president, met them.",  # Carter: counties, no city
])
def test_a_person_in_apposition_to_a_kind_the_gazetteer_disagrees_with_is_no_place(pipeline, text):
    assert places_of(pipeline, text) == {}


@pytest.mark.parametrize("text, name, admin1", [
    ("Police questioned her on Sunday. Grovetown police then let her go.", "Grovetown", "US.GA"),
    ("Chiefland Police Chief Robert Douglas said his officers were called.", "Chiefland", "US.FL"),
    ("According to Tega Cay Fire Department Chief Scott Szymanski, the fire was contained.", "Tega Cay", "US.SC"),
])
def test_a_towns_own_police_or_fire_service_names_the_town(pipeline, text, name, admin1):
    assert places_of(pipeline, text)[name].admin1 == admin1


def test_a_name_spacy_reads_as_a_person_is_a_place_when_listed_after_one(pipeline):
    article = pipeline(Article(id="t", text="There will be new signs in Richmond and Twickenham town centres."))
    assert [m.text for m in article.mentions] == ["Richmond", "Twickenham"]  # spaCy: a person
    assert "Clinton" not in places_of(pipeline, "During her visit to Israel, Clinton spoke in favour of the plan.")


def test_a_county_acting_as_its_government_is_a_place(pipeline):
    found = places_of(pipeline, "Block will be charged by Black Hawk County with possession of stolen property.")
    assert found["Black Hawk County"].admin1 == "US.IA"


def test_a_dotted_country_joined_to_a_word_is_the_country(pipeline):
    article = pipeline(Article(id="t", text="Allies joined the U.S.-led coalition; the M.D.-level staff did not."))
    assert [(m.text, m.start, m.place.country_code) for m in article.mentions] == [("U.S.", 18, "US")]


def test_a_dotted_country_joined_to_a_name_is_two_places(pipeline):
    article = pipeline(Article(id="t", text="U.K.-France talks on migrants resumed in Calais."))  # one token, an ORG
    assert [(m.text, m.start, m.place.country_code) for m in article.mentions] == [
        ("U.K.", 0, "GB"), ("France", 5, "FR"), ("Calais", 41, "FR")]


@pytest.mark.parametrize("text, name", [
    ("Acton is a village and civil parish in the Babergh district of Suffolk.", "Acton"),
    ("Buxton had a population of 1,699 people in 2006.", "Buxton"),
    ("Marble Hill, a small neighborhood on the mainland, flooded.", "Marble Hill"),
])
def test_words_after_a_name_that_say_it_is_a_place(pipeline, text, name):
    assert places_of(pipeline, text)[name] is not None


@pytest.mark.parametrize("text", [
    "Smith, a former town councillor, said so.",
    "Rollins Mountain is located in Lincoln.",
    "Newman's Green is a hamlet in the parish.",
])
def test_words_after_a_person_or_part_of_a_longer_name_do_not(pipeline, text):
    assert not {"Smith", "Mountain", "Green"} & set(places_of(pipeline, text))


def test_a_one_word_person_after_in_is_a_place_the_gazetteer_knows(pipeline):
    assert places_of(pipeline, "Civil disobedience in Eureka led to the first rebellion.")["Eureka"] is not None
    assert "Flores" not in places_of(pipeline, "A tree was planted in Flores' honor last spring.")


def test_both_ends_of_a_road_named_for_two_places_are_places(pipeline):
    assert set(places_of(pipeline, "Trucks queued along the Beirut-Damascus highway on Monday.")) == {"Beirut", "Damascus"}
    assert set(places_of(pipeline, "The Moscow-Minsk road was closed for repairs.")) == {"Moscow", "Minsk"}
    # a street's own name is still no place: "Damascus Road" is a street of Silver Spring
    assert set(places_of(pipeline, "They live on Damascus Road in Silver Spring.")) == {"Silver Spring"}
    # one town's hyphenated name, and a disease named for two places, are no road between two places
    assert "Salem" not in places_of(pipeline, "Traffic on the Winston-Salem road was slow.")
    assert "Congo" not in places_of(pipeline, "Cases of Crimean-Congo fever rose in the spring.")


def test_a_longer_person_after_from_is_a_place_when_well_known(pipeline):
    # spaCy reads it as a person; no country of it is named
    text = "Families who walked from Ciudad Juarez waited at the bridge for hours."
    assert places_of(pipeline, text)["Ciudad Juarez"].country_code == "MX"
    assert places_of(pipeline, "A statement from Clinton was released on Monday.") == {}  # a sender, one word
    assert places_of(pipeline, "A letter from Mary Washington was read aloud.") == {}


def test_a_longer_person_after_in_is_a_place_only_when_well_known(pipeline):
    text = "Trump favored economic isolation at a campaign stop in Ciudad Juarez, just across the border."
    assert places_of(pipeline, text)["Ciudad Juarez"].country_code == "MX"
    assert places_of(pipeline, "She found a friend in Mary Washington.") == {}


def test_compass_words_before_of_are_a_direction_not_a_place(pipeline):
    assert set(places_of(pipeline, "The depot lies 8 kilometres South West of Tartu.")) == {"Tartu"}
    assert "North-East" not in places_of(pipeline, "The old fort stands in the North-East of Estonia.")
    assert places_of(pipeline, "North Korea fired a missile.")["North Korea"].kind == "country"


def test_a_person_after_a_locative_word_is_a_town_of_a_country_the_article_names(pipeline):
    # spaCy reads "Kherson" as a person; "Ukrainian" names its country
    assert places_of(pipeline, "Ukrainian forces pushed towards Kherson.")["Kherson"].country_code == "UA"
    assert places_of(pipeline, "Polish forces pushed towards Kherson.") == {}  # no country of Kherson named
    assert places_of(pipeline, "Ukrainian forces pushed towards Kherson's outskirts.") == {}  # owns something
    assert places_of(pipeline, "American voters gave their support to Clinton.") == {}  # "to" names people too
    assert places_of(pipeline, "Japanese officials spoke to Obama.") == {}


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Since the collapse of the Soviet Union, the border has moved twice.", "Soviet Union", "RU"),
    ("Mobutu renamed the country Zaire in 1971.", "Zaire", "CD"),
    ("Sanctions have hurt the Islamic Republic since 2018.", "Islamic Republic", "IR"),
    ("The Islamic Republic of Pakistan signed the deal.", "Islamic Republic of Pakistan", "PK"),
])
def test_former_and_short_names_of_a_state(pipeline, text, name, country):
    place = places_of(pipeline, text)[name]
    assert (place.kind, place.country_code) == ("country", country)


def test_places_in_hashtags(pipeline):
    article = pipeline(Article(id="t", text="Aid is blocked in #Gaza Strip. Protests in #Ferguson, and #SouthSudan "
                                            "votes. #KashmirFloods: donate now."))
    found = {m.text: (m.query, m.place.country_code) for m in article.mentions}
    assert found == {"Gaza Strip": ("Gaza Strip", "PS"), "Ferguson": ("Ferguson", "US"),
                     "SouthSudan": ("South Sudan", "SS"), "Kashmir": ("Kashmir", "IN")}
    kashmir = next(m for m in article.mentions if m.text == "Kashmir")
    assert article.text[kashmir.start : kashmir.end] == "Kashmir"


@pytest.mark.parametrize("text", [
    "The same rebels #Obama is arming.",  # a person whose name is a small town
    "Track the #SDGs and #NC5 news.",  # capitals inside a longer hashtag
    "#DressYourSoul and #MockingjayPart1",  # alternate names that are words (Seoul, Perth)
])
def test_hashtags_that_name_no_place(pipeline, text):
    assert places_of(pipeline, text) == {}


@pytest.mark.parametrize(("text", "name"), [
    ("A Danbury mason was arraigned in Bantam Superior Court Tuesday.", "Bantam"),
    ("He was detained after appearing at Wood Green Crown Court charged with affray.", "Wood Green"),
    ("Brant OPP, firefighters and paramedics responded to the crash.", "Brant"),
])
def test_a_town_names_its_court_and_its_police_detachment(pipeline, text, name):
    assert places_of(pipeline, text)[name] is not None


@pytest.mark.parametrize(("text", "name"), [
    ("The labs in Pirbright, where private firms and the institute work, are closed.", "Pirbright"),
    ("CHARLESTON, W.Va. -- Lewisburg Mayor John Manchester on Monday had a busy day.", "Lewisburg"),
    ("The mayor of Dogubayazit, Mukkades Kubilay, claims that help came late.", "Dogubayazit"),
])
def test_a_small_town_read_as_an_organisation_or_person_with_a_cue(pipeline, text, name):
    assert places_of(pipeline, text)[name] is not None


@pytest.mark.parametrize("text", [
    "According to a spokeswoman from McDonald's, food handlers wear gloves.",
    "The sale needs approval from Congress that the president could not guarantee.",
])
def test_a_shop_or_a_legislature_after_a_cue_is_not_a_town(pipeline, text):
    assert places_of(pipeline, text) == {}


@pytest.mark.parametrize(("text", "names"), [
    ("She teaches at the University of Nebraska-Lincoln, which directed the choir.", {"Nebraska", "Lincoln"}),
    ("The Tega Cay Volunteer Fire Department responded to the blaze.", {"Tega Cay"}),
    ("The railway ran from Tower to Ely in 1888.", {"Tower", "Ely"}),
])
def test_campus_towns_volunteer_services_and_route_ends(pipeline, text, names):
    assert names <= set(places_of(pipeline, text))


def test_the_region_an_article_names_most_wins_a_county_named_in_several(pipeline):
    text = ("Illinois lawmakers met on Monday. Illinois schools reopened, and Illinois farmers sold more corn. "
            "A Kentucky delegation visited. Boone County reported two new cases.")
    assert places_of(pipeline, text)["Boone County"].admin1 == "US.IL"


def test_demonyms_resolve_in_an_article_that_names_no_place(pipeline):
    article = pipeline(Article(id="t", text="The Polish government and Irish officials met on Monday."))
    assert article.mentions == []
    assert [(d.text, d.place.name) for d in article.demonyms] == [("Polish", "Poland"), ("Irish", "Ireland")]


def test_us_regions_are_areas_of_the_us_unless_the_article_is_elsewhere(pipeline):
    us = places_of(pipeline, "Storms hit New England and the Midwest, then the West Coast.")
    assert {name: (p.kind, p.country_code) for name, p in us.items()} == {
        "New England": ("area", "US"), "Midwest": ("area", "US"), "West Coast": ("area", "US")}
    assert 41 < us["New England"].lat < 46 and -74 < us["New England"].lon < -69
    nz = places_of(pipeline, "The West Coast of New Zealand flooded near Greymouth and Hokitika.")
    assert nz["West Coast"].country_code == "NZ"


@pytest.mark.parametrize(("text", "places"), [
    ("If confirmed as H5N1, it would be the first death from H5N1 in Europe.", {"Europe"}),
    ("The hearing was held at the Anderson County Courthouse by 87th State District Judge Deborah Oakes Evans.",
     {"Anderson County"}),
    ("People were reminded that West Nile Virus reaches its peak late in the summer.", set()),
])
def test_codes_ranks_and_diseases_the_model_calls_places_are_not(pipeline, text, places):
    assert set(places_of(pipeline, text)) == places


@pytest.mark.parametrize("text,name,kind,resolved", [
    # spaCy reads a post named "X Border" as a person or an organisation
    (("Nigeria reopened Jibia Border in Katsina State, Idiroko Border in Ogun State, Illela Border in Sokoto State "
     "and Seme Border in Lagos State on Friday."), "Illela Border", "crossing", "Birni-N'Konni–Illela"),
    ("Customs officers at Maigatari Border seized rice.", "Maigatari Border", "crossing", "Maigatari"),
    ("Customs officers at Ngala Border seized rice.", "Ngala", "town", "Ngala"),  # a town that is no crossing
    # a dropped division head picks the division among namesakes: the state, not its capital
    ("Floods hit Sokoto State on Tuesday, officials said.", "Sokoto State", "region", "Sokoto"),
])
def test_named_border_posts_and_states(pipeline, text, name, kind, resolved):
    place = places_of(pipeline, text)[name]
    assert (place.kind, place.name) == (kind, resolved)


def test_a_title_case_headline_border_is_no_post(pipeline):
    places = places_of(pipeline, "Troops Mass At Mexico Border As Caravan Nears")
    assert places["Mexico"].kind == "country" and not any(p.kind == "crossing" for p in places.values())


@pytest.mark.parametrize("text, name, code", [
    ("Russian forces shelled the Kherson region overnight.", "Kherson region", "UA"),  # spaCy: a PERSON
    ("Shelling hit the Kherson region on Monday.", "Kherson region", "UA"),
])
def test_a_person_grown_by_a_division_head_into_a_known_region_is_the_region(pipeline, text, name, code):
    place = places_of(pipeline, text)[name]
    assert place.kind == "region" and place.country_code == code


def test_a_person_grown_by_a_division_head_is_no_county(pipeline):
    assert places_of(pipeline, "Mr Taylor said the Taylor district would grow.") == {}


@pytest.mark.parametrize("text, name, code", [
    ("The United States deported 150 Haitians to Port-au-Prince on Thursday.", "Port-au-Prince", "HT"),
])
def test_a_hyphenated_name_the_model_misses_is_read_whole(pipeline, text, name, code):
    places = places_of(pipeline, text)
    assert places[name].country_code == code and "Port" not in places


def test_the_model_s_first_part_of_a_hyphenated_town_is_read_whole(pipeline):
    places = places_of(pipeline, "Police in Newcastle-under-Lyme arrested two men on Friday.")  # GPE "Newcastle"
    assert [(name, p.country_code) for name, p in places.items()] == [("Newcastle-under-Lyme", "GB")]


def test_a_person_s_name_joined_by_hyphens_is_not_read_as_a_town(pipeline):
    assert places_of(pipeline, "Salah-ad-Din fought the crusaders.") == {}


def test_a_small_town_named_in_the_shape_of_hyphens_and_small_words_needs_no_cue(pipeline):
    places = places_of(pipeline, "Flooding hit Bourton-on-the-Water and Stow-on-the-Wold.")
    assert {name: p.country_code for name, p in places.items()} == {"Bourton-on-the-Water": "GB",
                                                                     "Stow-on-the-Wold": "GB"}


def test_places_the_model_joins_into_one_organisation_are_read_apart(pipeline):
    places = places_of(pipeline, "Russian forces struck Kharkiv and Odesa in Ukraine overnight.")  # one ORG
    assert {name: p.country_code for name, p in places.items()} == {"Kharkiv": "UA", "Odesa": "UA", "Ukraine": "UA"}


@pytest.mark.parametrize("name, parts", [
    ("Kharkiv and Odesa", ["Kharkiv", "Odesa"]),
    ("Johnson and Johnson", []),  # one name twice: a firm
    ("Paris and Pemberley", []),  # a part the gazetteer does not know
    ("Johnson & Johnson", []),  # "&" joins firms' names
])
def test_only_distinct_well_known_names_coordinated_in_one_entity_are_its_places(pipeline, name, parts):
    from bordermap.geo.candidates import _coordinated_places

    doc = pipeline.nlp(f"Officials of {name} met on Monday.")
    start, end = 2, 2 + len(pipeline.nlp(name))
    assert doc[start:end].text == name
    assert [part.text for part in _coordinated_places(doc, pipeline.recognize.known, start, end)] == parts
