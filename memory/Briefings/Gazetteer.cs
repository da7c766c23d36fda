namespace BriefingBot.Memory.Briefings;

/// <summary>Countries, capitals, continents and world regions, by their common English names.</summary>
internal static class Gazetteer
{
    private static readonly HashSet<string> Places = new(StringComparer.Ordinal)
    {
        // continents and regions
        "Africa", "Antarctica", "Asia", "Europe", "North America", "South America", "Latin America", "Central America",
        "Oceania", "Australasia", "Middle East", "Caribbean", "Balkans", "Baltics", "Scandinavia", "Siberia", "Arctic",
        "Gulf", "Persian Gulf", "Mediterranean", "Pacific", "Atlantic", "Sahel", "Caucasus", "Crimea", "Donbas", "Kashmir",
        "Gaza", "West Bank", "Taiwan", "Hong Kong", "Macau", "Greenland", "Puerto Rico", "Kosovo", "Palestine",
        // countries and common short forms
        "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Argentina", "Armenia", "Australia",
        "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin",
        "Bhutan", "Bolivia", "Bosnia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso",
        "Burundi", "Cambodia", "Cameroon", "Canada", "Cape Verde", "Chad", "Chile", "China", "Colombia", "Comoros", "Congo",
        "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechia", "Denmark", "Djibouti", "Dominica",
        "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini",
        "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Grenada",
        "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hungary", "Iceland", "India", "Indonesia",
        "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya",
        "Kiribati", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein",
        "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Marshall Islands",
        "Mauritania", "Mauritius", "Mexico", "Micronesia", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco",
        "Mozambique", "Myanmar", "Burma", "Namibia", "Nauru", "Nepal", "Netherlands", "Holland", "New Zealand", "Nicaragua",
        "Niger", "Nigeria", "North Korea", "North Macedonia", "Macedonia", "Norway", "Oman", "Pakistan", "Palau", "Panama",
        "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Rwanda",
        "Saint Lucia", "Samoa", "San Marino", "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore",
        "Slovakia", "Slovenia", "Solomon Islands", "Somalia", "South Africa", "South Korea", "Korea", "South Sudan", "Spain",
        "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Tajikistan", "Tanzania", "Thailand",
        "Timor-Leste", "East Timor", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia", "Turkey", "Türkiye", "Turkmenistan",
        "Tuvalu", "Uganda", "Ukraine", "United Arab Emirates", "UAE", "United Kingdom", "UK", "Britain", "Great Britain",
        "England", "Scotland", "Wales", "Northern Ireland", "United States", "United States of America", "US", "USA",
        "America", "Uruguay", "Uzbekistan", "Vanuatu", "Vatican", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe",
        // capitals
        "Kabul", "Tirana", "Algiers", "Luanda", "Buenos Aires", "Yerevan", "Canberra", "Vienna", "Baku", "Nassau", "Manama",
        "Dhaka", "Minsk", "Brussels", "Porto-Novo", "Thimphu", "Sucre", "La Paz", "Sarajevo", "Gaborone", "Brasília",
        "Brasilia", "Sofia", "Ouagadougou", "Phnom Penh", "Yaoundé", "Ottawa", "Santiago", "Beijing", "Bogotá", "Bogota",
        "Kinshasa", "Brazzaville", "San José", "Zagreb", "Havana", "Nicosia", "Prague", "Copenhagen", "Quito", "Cairo",
        "San Salvador", "Asmara", "Tallinn", "Addis Ababa", "Helsinki", "Paris", "Libreville", "Tbilisi", "Berlin", "Accra",
        "Athens", "Guatemala City", "Conakry", "Port-au-Prince", "Tegucigalpa", "Budapest", "Reykjavik", "New Delhi",
        "Delhi", "Jakarta", "Tehran", "Baghdad", "Dublin", "Jerusalem", "Tel Aviv", "Rome", "Kingston", "Tokyo", "Amman",
        "Astana", "Nairobi", "Kuwait City", "Bishkek", "Vientiane", "Riga", "Beirut", "Maseru", "Monrovia", "Tripoli",
        "Vilnius", "Antananarivo", "Lilongwe", "Kuala Lumpur", "Bamako", "Valletta", "Nouakchott", "Mexico City", "Chisinau",
        "Ulaanbaatar", "Podgorica", "Rabat", "Maputo", "Naypyidaw", "Yangon", "Windhoek", "Kathmandu", "Amsterdam",
        "The Hague", "Wellington", "Managua", "Niamey", "Abuja", "Pyongyang", "Skopje", "Oslo", "Muscat", "Islamabad",
        "Panama City", "Port Moresby", "Asunción", "Lima", "Manila", "Warsaw", "Lisbon", "Doha", "Bucharest", "Moscow",
        "Kigali", "Riyadh", "Dakar", "Belgrade", "Freetown", "Bratislava", "Ljubljana", "Mogadishu", "Pretoria",
        "Cape Town", "Seoul", "Juba", "Madrid", "Colombo", "Khartoum", "Paramaribo", "Stockholm", "Bern", "Geneva",
        "Damascus", "Taipei", "Dushanbe", "Dodoma", "Bangkok", "Lomé", "Tunis", "Ankara", "Istanbul", "Ashgabat",
        "Kampala", "Kyiv", "Kiev", "Abu Dhabi", "Dubai", "London", "Washington", "Montevideo", "Tashkent", "Caracas",
        "Hanoi", "Sanaa", "Lusaka", "Harare", "Edinburgh", "Cardiff", "Belfast",
    };

    public static bool IsPlace(string name) => Places.Contains(name);

    /// <summary>
    /// A word formed from a place name rather than naming one ("Russian", "European", "Ukrainians"): it shares the
    /// place's first five letters or more but is not itself a place.
    /// </summary>
    public static bool IsDemonym(string word) =>
        !Places.Contains(word) && word.Length >= 5 && !word.Contains(' ', StringComparison.Ordinal)
        && Places.Any(p => p.Length >= 5 && !p.Contains(' ', StringComparison.Ordinal) && CommonPrefix(p, word) >= Math.Min(5, p.Length - 1));

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }
}
